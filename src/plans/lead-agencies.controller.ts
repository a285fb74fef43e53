import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { VersionQuery } from '../common/version-query';
import { CreateLeadAgencyDto, LeadAgencyListQuery, UpdateLeadAgencyDto } from './dto/lead-agency.dto';
import { LeadAgenciesService } from './lead-agencies.service';
import { uuidParam } from '../common/uuid-param.pipe';

@ApiBearerAuth()
@ApiTags('lead agencies')
@Controller('lead-agencies')
export class LeadAgenciesController {
  constructor(private readonly agencies: LeadAgenciesService) {}

  @Get()
  list(@Query() query: LeadAgencyListQuery) {
    return this.agencies.list(query);
  }

  @Roles('admin')
  @Post()
  create(@Body() dto: CreateLeadAgencyDto) {
    return this.agencies.create(dto);
  }

  @Get(':id')
  get(@Param('id', uuidParam) id: string) {
    return this.agencies.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateLeadAgencyDto) {
    return this.agencies.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.agencies.remove(id, query.version);
  }
}
