import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiUuidParam, PageOf } from '../common/openapi';
import type { Actor } from '../common/request-context';
import { uuidParam } from '../common/uuid-param.pipe';
import { CurrentActor } from './current-actor.decorator';
import { UserResponse } from './dto/account.responses';
import { CreateUserDto, UpdateMeDto, UpdateUserDto, UserListQuery } from './dto/user.dto';
import { Roles } from './roles';
import { UsersService } from './users.service';

/** People and their roles, agencies and plans: managed by admins. Deactivate rather than delete, to keep the record readable. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@ApiErrors(401, { status: 403, description: 'Only admins manage people' })
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'People, by name, with their roles, agencies and plans (admins)' })
  @ApiOkResponse({ type: PageOf(UserResponse) })
  @ApiErrors(400)
  list(@Query() query: UserListQuery) {
    return this.users.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a person (admins)', description: 'Without a password, they set their own through a reset link.' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A person (admins)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The person')
  get(@Param('id', uuidParam) id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a person's details, roles, agencies or plans, or deactivate them (admins)", description: 'Deactivating ends their sessions at once.' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404, 409)
  @ApiUuidParam('The person')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }
}

@ApiTags('me')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('me')
export class MeProfileController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Who you are: your roles, agencies and plans' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentActor() actor: Actor) {
    return this.users.get(actor.id);
  }

  @Patch()
  @ApiOperation({ summary: 'Change your name, job title or how you hear about deadlines' })
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 409)
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto) {
    return this.users.updateMe(actor, dto);
  }
}
