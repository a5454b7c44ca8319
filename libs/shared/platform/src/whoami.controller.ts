import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonResponse } from './openapi/openapi.decorators';
import { CurrentUser, ROLES, Roles, type Principal } from '@tradeflow/shared/auth';

/** Lets any signed-in user (or an operator checking a token) see who the service thinks they are. */
@ApiTags('session')
@ApiBearerAuth()
@Controller('whoami')
export class WhoAmIController {
  @Get()
  @Roles(...ROLES)
  @ApiOperation({ operationId: 'whoAmI', summary: 'The caller as authenticated: user id, role and books' })
  @ApiJsonResponse(200, 'the caller', 'Principal', { id: 'alice', role: 'trader', books: ['EQ-US-FLOW'] })
  whoami(@CurrentUser() user: Principal): Principal {
    return user;
  }
}
