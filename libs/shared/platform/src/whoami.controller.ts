import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ROLES, Roles, type Principal } from '@tradeflow/shared/auth';
import { ApiJsonResponse, ApiProblemResponse } from './openapi/openapi.decorators';

/** Lets any signed-in user (or an operator checking a token) see who the service thinks they are. */
@ApiTags('session')
@ApiBearerAuth()
@Controller('whoami')
export class WhoAmIController {
  @Get()
  @Roles(...ROLES)
  @ApiOperation({ operationId: 'whoAmI', summary: 'The caller as authenticated: user id, role and books' })
  @ApiJsonResponse(200, 'the caller', 'Principal', { id: 'alice', role: 'trader', books: ['EQ-US-FLOW'] })
  // Every operation but the public ones answers 401 to a bad token (the document's description says so
  // once); here, checking a token is the operation, so its refusal is listed.
  @ApiProblemResponse(401, 'no token, or one that is expired, forged, or not for this audience')
  whoami(@CurrentUser() user: Principal): Principal {
    return user;
  }
}
