import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ROLES, Roles, type Principal } from '@tradeflow/shared/auth';

/** Lets any signed-in user (or an operator checking a token) see who the service thinks they are. */
@ApiTags('session')
@ApiBearerAuth()
@Controller('whoami')
export class WhoAmIController {
  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The caller as authenticated: user id, role and books' })
  whoami(@CurrentUser() user: Principal): Principal {
    return user;
  }
}
