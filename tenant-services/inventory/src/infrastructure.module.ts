import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { InventoryConfig } from './config';

export const INVENTORY_CONFIG = Symbol('INVENTORY_CONFIG');

/** The configuration every feature module reads (MySQL and the outbox relay come from MySqlServiceModule). */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: InventoryConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [{ provide: INVENTORY_CONFIG, useValue: config }],
      exports: [INVENTORY_CONFIG],
    };
  }
}
