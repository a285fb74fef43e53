import { Injectable, NotFoundException } from '@nestjs/common';
import { createHash } from 'crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../../../common/request-context';
import { ImportDraft } from './import-draft.entity';

/** How long an upload waits for its confirmation: a working day, and the session itself lasts 12 hours. */
const KEPT_FOR_HOURS = 24;

export interface DraftInput {
  content: Buffer;
  isFile: boolean;
  fileName: string | null;
  contentType: string | null;
  options: Record<string, unknown>;
}

/**
 * The import journey's uploads, kept server-side for the session that sent
 * them (the web pages own this table; nothing else reads it). Between the
 * preview and the confirmation the browser holds only the draft's id, so
 * what is imported is byte for byte what was previewed, and a form another
 * session (or person) sends names nothing.
 */
@Injectable()
export class ImportDrafts {
  constructor(private readonly dataSource: DataSource) {}

  async keep(actor: Actor, input: DraftInput): Promise<string> {
    const sessionId = this.sessionOf(actor);
    const repository = this.dataSource.getRepository(ImportDraft);
    // Old drafts (anyone's) go as new ones come: they are working copies, not records.
    await repository.createQueryBuilder().delete().where(`created_at < now() - make_interval(hours => :hours)`, { hours: KEPT_FOR_HOURS }).execute();
    const saved = await repository.save(
      repository.create({
        userId: actor.id,
        sessionId,
        content: input.content,
        isFile: input.isFile,
        fileName: input.fileName,
        contentType: input.contentType,
        sha256: createHash('sha256').update(input.content).digest('hex'),
        options: input.options,
        state: 'previewed',
        planId: null,
        result: null,
      }),
    );
    return saved.id;
  }

  /** This session's draft, or the 404 page: another session's id names nothing. */
  async find(actor: Actor, id: string): Promise<ImportDraft> {
    const draft = await this.dataSource.getRepository(ImportDraft).findOne({ where: { id, sessionId: this.sessionOf(actor), userId: actor.id } });
    if (!draft) throw new NotFoundException();
    return draft;
  }

  async setOptions(actor: Actor, id: string, options: Record<string, unknown>): Promise<void> {
    await this.find(actor, id);
    // TypeORM types a jsonb column's update as a deep partial of its own keys; the whole object is written.
    await this.dataSource.getRepository(ImportDraft).update({ id, state: 'previewed' }, { options: options as never });
  }

  /** Takes the draft for confirming: false when it is already being (or has been) imported, so two clicks import once. */
  async claim(actor: Actor, id: string): Promise<boolean> {
    await this.find(actor, id);
    const result = await this.dataSource.getRepository(ImportDraft).update({ id, state: 'previewed' }, { state: 'committing' });
    return (result.affected ?? 0) === 1;
  }

  /** The import did not happen: the draft can be confirmed again. */
  async release(id: string): Promise<void> {
    await this.dataSource.getRepository(ImportDraft).update({ id, state: 'committing' }, { state: 'previewed' });
  }

  /** The import happened: keep what it did for the confirmation page, drop the upload itself. */
  async committed(id: string, planId: string, result: Record<string, unknown>): Promise<void> {
    await this.dataSource.getRepository(ImportDraft).update({ id }, { state: 'committed', planId, result: result as never, content: Buffer.alloc(0) });
  }

  private sessionOf(actor: Actor): string {
    // Pages are reached only with a session cookie; a personal API token has no session, so nothing to key a draft to.
    if (!actor.sessionId) throw new NotFoundException();
    return actor.sessionId;
  }
}
