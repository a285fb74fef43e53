import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/request-context';
import { uuidParam } from '../common/uuid-param.pipe';
import { CurrentActor } from './current-actor.decorator';
import { CreateUserDto, UpdateMeDto, UpdateUserDto, UserListQuery } from './dto/user.dto';
import { Roles } from './roles';
import { UsersService } from './users.service';

/** People and their roles, agencies and plans: managed by admins. Deactivate rather than delete, to keep the record readable. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query() query: UserListQuery) {
    return this.users.list(query);
  }

  @Post()
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Get(':id')
  get(@Param('id', uuidParam) id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeProfileController {
  constructor(private readonly users: UsersService) {}

  @Get()
  me(@CurrentActor() actor: Actor) {
    return this.users.get(actor.id);
  }

  @Patch()
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto) {
    return this.users.updateMe(actor, dto);
  }
}
