import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldValidationException } from '../../common/validation';
import { loadScrutinyRecommendations } from '../board-views';
import { MonitoredView, ScrutinyService } from '../scrutiny.service';
import { ImportedRecommendation, readMonitoringList } from './monitoring-import';

export interface MonitoringImportPreview {
  recommendations: Array<Omit<ImportedRecommendation, never> & { alreadyRecorded: boolean }>;
  skipped: Array<{ line: number; reason: string }>;
}

export interface MonitoringImportResult {
  created: MonitoredView[];
  skipped: Array<{ line: number; reason: string }>;
}

const key = (item: { meetingDate: string; title: string }) => `${item.meetingDate}|${item.title.trim().toLowerCase().replace(/\s+/g, ' ')}`;

/** A scrutiny panel's monitoring list pasted from a paper: previewed, then recorded (an item already on the panel's list, by meeting date and title, is not recorded twice). */
@Injectable()
export class MonitoringImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scrutiny: ScrutinyService,
  ) {}

  async preview(boardId: string, text: string): Promise<MonitoringImportPreview> {
    const { read, recorded } = await this.read(boardId, text);
    return { recommendations: read.recommendations.map((item) => ({ ...item, alreadyRecorded: recorded.has(key(item)) })), skipped: read.skipped };
  }

  async commit(boardId: string, text: string): Promise<MonitoringImportResult> {
    const { read, recorded } = await this.read(boardId, text);
    const fresh = read.recommendations.filter((item) => !recorded.has(key(item)));
    const created = fresh.length
      ? await this.scrutiny.createMany(
          boardId,
          fresh.map(({ meetingDate, title, actionProposed, actionTaken, progress, pausedReason, rejected }) => ({ meetingDate, title, actionProposed, actionTaken, progress, pausedReason, rejected })),
          (index, field) => `line ${fresh[index].line}: ${field}`,
        )
      : [];
    const again = read.recommendations.filter((item) => recorded.has(key(item))).map((item) => ({ line: item.line, reason: 'already on the panel’s list' }));
    return { created, skipped: [...read.skipped, ...again].sort((a, b) => a.line - b.line) };
  }

  private async read(boardId: string, text: string) {
    await this.scrutiny.chairedPanel(boardId);
    const read = readMonitoringList(text);
    if (read.missingColumns.length) throw new FieldValidationException({ text: `has no ${read.missingColumns.join(', ')} column: paste the table with its heading row (Date, Title, Action proposed, Action taken, Progress status)` });
    if (read.recommendations.length === 0) throw new FieldValidationException({ text: 'holds no recommendations' });
    const existing = await loadScrutinyRecommendations(this.dataSource.manager, { boardId });
    return { read, recorded: new Set(existing.map(key)) };
  }
}
