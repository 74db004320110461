export default async function globalTeardown(): Promise<void> {
  const started = globalThis.mentorflowTestServers;
  await started?.temporal?.teardown();
  await started?.stopPostgres?.();
}
