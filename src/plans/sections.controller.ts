import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { VersionQuery } from '../common/version-query';
import { CreateSectionDto, SectionListQuery, UpdateSectionDto } from './dto/section.dto';
import { uuidParam } from '../common/uuid-param.pipe';
import { SectionsService } from './sections.service';

@ApiBearerAuth()
@ApiTags('sections')
@Controller('sections')
export class SectionsController {
  constructor(private readonly sections: SectionsService) {}

  @Get()
  list(@Query() query: SectionListQuery) {
    return this.sections.list(query);
  }

  @Roles('admin')
  @Post()
  create(@Body() dto: CreateSectionDto) {
    return this.sections.create(dto);
  }

  @Get(':id')
  get(@Param('id', uuidParam) id: string) {
    return this.sections.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateSectionDto) {
    return this.sections.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.sections.remove(id, query.version);
  }
}
