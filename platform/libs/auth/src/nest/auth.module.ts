import {
  Module,
  type DynamicModule,
  type FactoryProvider,
  type InjectionToken,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AbilityFactory } from '../abilities';
import { TokenVerifier } from '../token-verifier';
import { AUTH_OPTIONS, type AuthModuleOptions } from './auth-options';
import { AuthGuard } from './auth.guard';
import { RequestContextInterceptor } from './request-context.interceptor';

export { AUTH_OPTIONS, type AuthModuleOptions } from './auth-options';

export interface AuthModuleAsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: InjectionToken[];
  useFactory: (...args: never[]) => AuthModuleOptions | Promise<AuthModuleOptions>;
}

/**
 * Registers the global AuthGuard and RequestContextInterceptor. Every route and resolver needs a valid
 * token unless marked @Public().
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return AuthModule.build({ provide: AUTH_OPTIONS, useValue: options });
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    const optionsProvider: FactoryProvider = {
      provide: AUTH_OPTIONS,
      useFactory: options.useFactory as (...args: unknown[]) => AuthModuleOptions,
      inject: options.inject ?? [],
    };
    return { ...AuthModule.build(optionsProvider), imports: options.imports ?? [] };
  }

  private static build(optionsProvider: Provider): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        optionsProvider,
        {
          provide: TokenVerifier,
          useFactory: (options: AuthModuleOptions) => new TokenVerifier(options),
          inject: [AUTH_OPTIONS],
        },
        { provide: AbilityFactory, useValue: new AbilityFactory() },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
      ],
      exports: [TokenVerifier, AbilityFactory],
    };
  }
}
