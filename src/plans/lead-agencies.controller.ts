import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { ApiErrors, ApiUuidParam, PageOf } from '../common/openapi';
import { VersionQuery } from '../common/version-query';
import { CreateLeadAgencyDto, LeadAgencyListQuery, UpdateLeadAgencyDto } from './dto/lead-agency.dto';
import { LeadAgencyResponse } from './dto/plan.responses';
import { LeadAgenciesService } from './lead-agencies.service';
import { uuidParam } from '../common/uuid-param.pipe';

@ApiBearerAuth()
@ApiTags('lead agencies')
@ApiErrors(401)
@Controller('lead-agencies')
export class LeadAgenciesController {
  constructor(private readonly agencies: LeadAgenciesService) {}

  @Get()
  @ApiOperation({ summary: 'Lead agencies: council directorates and divisions, NHS bodies, police, the safeguarding board' })
  @ApiOkResponse({ type: PageOf(LeadAgencyResponse) })
  @ApiErrors(400)
  list(@Query() query: LeadAgencyListQuery) {
    return this.agencies.list(query);
  }

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Add a lead agency, with its other spellings (admins)' })
  @ApiCreatedResponse({ type: LeadAgencyResponse })
  @ApiErrors(400, 403, 409)
  create(@Body() dto: CreateLeadAgencyDto) {
    return this.agencies.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A lead agency' })
  @ApiOkResponse({ type: LeadAgencyResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The lead agency')
  get(@Param('id', uuidParam) id: string) {
    return this.agencies.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({ summary: "Change a lead agency's name, short name, spellings or parent (admins)" })
  @ApiOkResponse({ type: LeadAgencyResponse })
  @ApiErrors(400, 403, 404, 409)
  @ApiUuidParam('The lead agency')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateLeadAgencyDto) {
    return this.agencies.update(id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a lead agency that leads nothing and has no divisions (admins)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 403, 404, { status: 409, description: 'It still leads activities or has divisions, or someone changed it since you loaded it' })
  @ApiUuidParam('The lead agency')
  remove(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.agencies.remove(id, query.version);
  }
}
