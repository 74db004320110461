import { Module } from '@nestjs/common';
import { AggregateGatewayModule } from '../common/aggregate.gateway';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RouteRegistryService } from './route-registry.service';
import { RoutesController } from './routes.controller';
import { RoutesService } from './routes.service';

@Module({
  imports: [OrganisationsModule, AggregateGatewayModule],
  controllers: [RoutesController],
  providers: [RoutesService, RouteRegistryService],
})
export class RoutesModule {}
