import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { lockForChange } from '../common/optimistic-lock';
import { Page, pageOf } from '../common/pagination';
import { FieldValidationException } from '../common/validation';
import { refreshPlanDueDates } from './due-date.refresher';
import { CreateSectionDto, SectionListQuery, UpdateSectionDto } from './dto/section.dto';
import { Plan } from './entities/plan.entity';
import { Section } from './entities/section.entity';
import { PlanTreeWriter, assertDistinctNumbers, assertLeadAgenciesExist, leadAgencyReferencesOfRecommendations } from './plan-tree.writer';
import { sectionView } from './views';

type SectionView = ReturnType<typeof sectionView>;

@Injectable()
export class SectionsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: SectionListQuery): Promise<Page<SectionView>> {
    if (!(await this.dataSource.manager.exists(Plan, { where: { id: query.planId } }))) {
      throw new NotFoundException(`No plan with id ${query.planId}`);
    }
    const [sections, total] = await this.dataSource.manager.findAndCount(Section, {
      where: { planId: query.planId },
      order: { position: 'ASC', createdAt: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return pageOf(sections.map(sectionView), total, query);
  }

  async get(id: string): Promise<SectionView> {
    const section = await this.dataSource.manager.findOne(Section, { where: { id } });
    if (!section) throw new NotFoundException(`No section with id ${id}`);
    return sectionView(section);
  }

  async create(dto: CreateSectionDto): Promise<SectionView> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await manager.findOne(Plan, { where: { id: dto.planId }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw new FieldValidationException({ planId: `no plan with id ${dto.planId}` });
      assertDistinctNumbers(dto.recommendations, '');
      await assertLeadAgenciesExist(manager, leadAgencyReferencesOfRecommendations(dto.recommendations, ''));
      const position = dto.position ?? (await this.nextPosition(manager, plan.id));
      if (dto.position !== undefined) await this.makeRoomAt(manager, plan.id, position);
      const section = await new PlanTreeWriter(manager).insertSection(plan.id, dto, position);
      await refreshPlanDueDates(manager, plan.id);
      return sectionView(section);
    });
  }

  async update(id: string, dto: UpdateSectionDto): Promise<SectionView> {
    return this.dataSource.transaction(async (manager) => {
      const section = await lockForChange(manager, Section, id, dto.version, 'section', sectionView);
      if (dto.title !== undefined) section.title = dto.title;
      if (dto.sourceReference !== undefined) section.sourceReference = dto.sourceReference ?? null;
      if (dto.position !== undefined && dto.position !== section.position) {
        await this.makeRoomAt(manager, section.planId, dto.position);
        section.position = dto.position;
      }
      section.version += 1;
      await manager.save(section);
      return sectionView(section);
    });
  }

  async remove(id: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await lockForChange(manager, Section, id, version, 'section', sectionView);
      await manager.delete(Section, { id });
    });
  }

  private async nextPosition(manager: EntityManager, planId: string): Promise<number> {
    const [row] = await manager.query('SELECT COALESCE(MAX(position), 0) + 1 AS next FROM sections WHERE plan_id = $1', [planId]);
    return Number(row.next);
  }

  /** Inserting "Table 2" before the old table 2 moves the later tables down one. */
  private async makeRoomAt(manager: EntityManager, planId: string, position: number): Promise<void> {
    await manager.query('UPDATE sections SET position = position + 1 WHERE plan_id = $1 AND position >= $2', [planId, position]);
  }
}
