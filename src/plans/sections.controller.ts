import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { ApiErrors, ApiUuidParam, PageOf } from '../common/openapi';
import { VersionQuery } from '../common/version-query';
import { SectionResponse } from './dto/plan.responses';
import { CreateSectionDto, SectionListQuery, UpdateSectionDto } from './dto/section.dto';
import { uuidParam } from '../common/uuid-param.pipe';
import { SectionsService } from './sections.service';

@ApiBearerAuth()
@ApiTags('sections')
@ApiErrors(401)
@Controller('sections')
export class SectionsController {
  constructor(private readonly sections: SectionsService) {}

  @Get()
  @ApiOperation({ summary: "A plan's tables, in order", description: 'A service head sees only the tables holding activities they may read.' })
  @ApiOkResponse({ type: PageOf(SectionResponse) })
  @ApiErrors(400, 404)
  list(@Query() query: SectionListQuery) {
    return this.sections.list(query);
  }

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Add a table to a plan, optionally with its recommendations and activities (admins)' })
  @ApiCreatedResponse({ type: SectionResponse })
  @ApiErrors(400, 403, 413)
  create(@Body() dto: CreateSectionDto) {
    return this.sections.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A table' })
  @ApiOkResponse({ type: SectionResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The table (section)')
  get(@Param('id', uuidParam) id: string) {
    return this.sections.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({ summary: "Change a table's title, source reference or position (admins)" })
  @ApiOkResponse({ type: SectionResponse })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The table (section)')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateSectionDto) {
    return this.sections.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a table with its recommendations and activities (admins)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The table (section)')
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.sections.remove(id, query.version);
  }
}
