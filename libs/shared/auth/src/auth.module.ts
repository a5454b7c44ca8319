import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { JwtVerifier, type JwtVerifierOptions } from './jwt-verifier.service';

@Global()
@Module({})
export class AuthModule {
  /** Verifies every request's bearer token; import once, in the app module. */
  static forRoot(options: JwtVerifierOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        // Built here so a bad key or config fails at boot, not on the first request.
        { provide: JwtVerifier, useValue: new JwtVerifier(options) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [JwtVerifier],
    };
  }
}
