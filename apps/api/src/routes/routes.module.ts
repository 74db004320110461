import { Module } from '@nestjs/common';
import { AggregateGatewayModule } from '../common/aggregate.gateway';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleModule } from '../people/people.module';
import { RouteRegistryService } from './route-registry.service';
import { RoutesController } from './routes.controller';
import { RoutesService } from './routes.service';

@Module({
  imports: [OrganisationsModule, PeopleModule, AggregateGatewayModule],
  controllers: [RoutesController],
  providers: [RoutesService, RouteRegistryService],
  exports: [RoutesService],
})
export class RoutesModule {}
