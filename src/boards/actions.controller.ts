import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiUuidParam, PageOf } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { VersionQuery } from '../common/version-query';
import { ActionsService } from './actions.service';
import { ActionResponse } from './boards.responses';
import { ActionListQuery, CloseActionDto, CreateActionDto, UpdateActionDto } from './dto/boards.dto';

const CHAIR_ONLY = { status: 403 as const, description: "Writing a meeting's actions is for the board's chair (and admins)" };

/** The action log: actions agreed at a board's meetings. */
@ApiBearerAuth()
@ApiTags('boards')
@ApiErrors(401)
@Controller('actions')
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  @Get()
  @ApiOperation({ summary: "A board's actions, by meeting and number; optionally one meeting's, or those with a status" })
  @ApiOkResponse({ type: PageOf(ActionResponse) })
  @ApiErrors(400, 404)
  list(@Query() query: ActionListQuery) {
    return this.actions.list(query);
  }

  @Post()
  @ApiOperation({ summary: "Record an action agreed at a meeting (the board's chair, admins); due by the board's next meeting unless given" })
  @ApiCreatedResponse({ type: ActionResponse })
  @ApiErrors(400, CHAIR_ONLY, 404)
  create(@Body() dto: CreateActionDto) {
    return this.actions.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An action' })
  @ApiOkResponse({ type: ActionResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The action')
  get(@Param('id', uuidParam) id: string) {
    return this.actions.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change an open action's text, owners, due date, status or note, and settle the initials from the minutes that matched nobody (the board's chair, admins)" })
  @ApiOkResponse({ type: ActionResponse })
  @ApiErrors(400, CHAIR_ONLY, 404, 409)
  @ApiUuidParam('The action')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateActionDto) {
    return this.actions.update(id, dto);
  }

  @Post(':id/close')
  @ApiOperation({ summary: "Close an action with a note saying what was done (the board's chair or one of its owners)" })
  @ApiCreatedResponse({ type: ActionResponse })
  @ApiErrors(400, { status: 403, description: "An action is closed by the board's chair or one of its owners" }, 404, 409)
  @ApiUuidParam('The action')
  close(@Param('id', uuidParam) id: string, @Body() dto: CloseActionDto) {
    return this.actions.close(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove an action recorded by mistake (the board's chair, admins)" })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, CHAIR_ONLY, 404, 409)
  @ApiUuidParam('The action')
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.actions.remove(id, query.version);
  }
}
