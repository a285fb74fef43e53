import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { ApiErrors, ApiUuidParam, PageOf } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { VersionQuery } from '../common/version-query';
import { BoardResponse, MeetingResponse } from './boards.responses';
import { BoardsService } from './boards.service';
import { BoardListQuery, CreateBoardDto, CreateMeetingDto, MeetingListQuery, UpdateBoardDto, UpdateMeetingDto } from './dto/boards.dto';

@ApiBearerAuth()
@ApiTags('boards')
@ApiErrors(401)
@Controller('boards')
export class BoardsController {
  constructor(private readonly boards: BoardsService) {}

  @Get()
  @ApiOperation({ summary: 'The boards you sit at (admins: every board)' })
  @ApiOkResponse({ type: PageOf(BoardResponse) })
  @ApiErrors(400)
  list(@Query() query: BoardListQuery) {
    return this.boards.list(query);
  }

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Set a board up: its kind, cadence, chairs and members, and the plans and indicators it oversees (admins)' })
  @ApiCreatedResponse({ type: BoardResponse })
  @ApiErrors(400, 403)
  create(@Body() dto: CreateBoardDto) {
    return this.boards.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A board you sit at' })
  @ApiOkResponse({ type: BoardResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The board')
  get(@Param('id', uuidParam) id: string) {
    return this.boards.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({ summary: "Change a board (admins); lists given replace the board's seats, plans or indicators" })
  @ApiOkResponse({ type: BoardResponse })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The board')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateBoardDto) {
    return this.boards.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a board with its meetings (admins); refused once a pack has been issued' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The board')
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.boards.remove(id, query.version);
  }
}

@ApiBearerAuth()
@ApiTags('boards')
@ApiErrors(401)
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly boards: BoardsService) {}

  @Get()
  @ApiOperation({ summary: "A board's meetings, by date" })
  @ApiOkResponse({ type: PageOf(MeetingResponse) })
  @ApiErrors(400, 404)
  list(@Query() query: MeetingListQuery) {
    return this.boards.listMeetings(query);
  }

  @Post()
  @ApiOperation({ summary: 'Schedule a meeting of a board (its chair, admins)' })
  @ApiCreatedResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 404)
  create(@Body() dto: CreateMeetingDto) {
    return this.boards.createMeeting(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A meeting, with its pack versions' })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The meeting')
  get(@Param('id', uuidParam) id: string) {
    return this.boards.getMeeting(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a meeting's date, status or agenda (the board's chair, admins)" })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The meeting')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateMeetingDto) {
    return this.boards.updateMeeting(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: "Delete a meeting (the board's chair, admins); refused once its pack has been issued" })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The meeting')
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.boards.removeMeeting(id, query.version);
  }
}
