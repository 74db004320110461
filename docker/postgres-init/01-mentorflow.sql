-- Run once by the postgres image's entrypoint, when the data volume is first initialised.
-- mentorflow keeps its events and read models in a database of its own; Temporal's auto-setup
-- creates "temporal" and "temporal_visibility" itself.
CREATE DATABASE mentorflow;
