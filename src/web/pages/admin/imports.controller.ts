import { Body, Get, HttpException, HttpStatus, NotFoundException, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentActor } from '../../../accounts/current-actor.decorator';
import { Roles } from '../../../accounts/roles';
import type { Actor } from '../../../common/request-context';
import { FieldValidationException } from '../../../common/validation';
import { ImportOptionsDto } from '../../../imports/dto/import-options.dto';
import { IMPORT_FORMATS } from '../../../imports/import-model';
import type { ImportView } from '../../../imports/import-views';
import { ImportRefusedException, ImportsService, UploadedImportFile } from '../../../imports/imports.service';
import { LeadAgencyListQuery } from '../../../plans/dto/lead-agency.dto';
import { PlanListQuery } from '../../../plans/dto/plan.dto';
import { LeadAgenciesService } from '../../../plans/lead-agencies.service';
import { PlansService } from '../../../plans/plans.service';
import { addError, FieldWording, formErrors, FormErrors, hasErrors, noErrors, text, validateForm } from '../../forms';
import { pageId, PageController } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';
import { uploadOverLimit, UploadWithCsrf } from '../../upload';
import { choices, dateFromParts, DateField, dateInputValue, everyPage, labelsOnly, PLAN_KIND_NAMES, problemsOf, withDateProblems } from './admin-forms';
import { ImportDraft } from './import-draft.entity';
import { ImportDrafts } from './import-drafts.service';
import { importPreviewModel, previewHash, sizeWords } from './imports.view-model';

const FORMAT_NAMES: Record<(typeof IMPORT_FORMATS)[number], string> = {
  text: 'A table pasted from Word or a PDF (tab-separated)',
  csv: 'CSV',
  xlsx: 'Excel workbook (.xlsx)',
  'ofsted-report': 'Ofsted’s report: its list of recommendations',
};

const WORDING: Record<string, FieldWording> = {
  file: { label: 'File' },
  text: { label: 'Pasted text' },
  planId: { label: 'Import into', invalid: 'Select the plan to import into from the list' },
  title: { label: 'Title of the new plan' },
  kind: { label: 'Kind of plan', invalid: 'Select the kind of plan from the list' },
  publishedOn: { label: 'Publication date', id: 'publishedOn-day', invalid: 'The publication date must be a real date' },
  startsOn: { label: 'Start of the plan’s period', id: 'startsOn-day', invalid: 'The start of the plan’s period must be a real date' },
  endsOn: { label: 'End of the plan’s period', id: 'endsOn-day', invalid: 'The end of the plan’s period must be a real date' },
  format: { label: 'Format', invalid: 'Select the format from the list' },
  paragraphs: { label: 'Ofsted paragraphs' },
  sheet: { label: 'Worksheet' },
  encoding: { label: 'Characters', invalid: 'Select how the file’s characters are written' },
};

interface StepOneForm {
  text: string;
  planId: string;
  title: string;
  kind: string;
  publishedOn: DateField;
  startsOn: DateField;
  endsOn: DateField;
  format: string;
  paragraphs: string;
  sheet: string;
  encoding: string;
}

/**
 * Importing a plan in three steps, through the API's ImportsService:
 * 1. upload a file or paste text (options folded away);
 * 2. the preview: the plan, warnings by line, agencies matched or to be
 *    added (with a way to map them to existing ones), activities nobody
 *    hears about, the tree;
 * 3. confirm, then a confirmation page linking to the plan.
 * The upload is kept server-side for the session (ImportDrafts) between
 * steps; the browser carries only its id and a fingerprint of the preview.
 */
@PageController('admin/imports')
@Roles('admin')
export class AdminImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly drafts: ImportDrafts,
    private readonly plans: PlansService,
    private readonly agencies: LeadAgenciesService,
    private readonly pages: PageRenderer,
  ) {}

  @Get('new')
  async start(@Res() response: Response): Promise<void> {
    const empty: DateField = { value: null, parts: { day: '', month: '', year: '' }, problem: null };
    await this.stepOne(response, { text: '', planId: '', title: '', kind: '', publishedOn: empty, startsOn: empty, endsOn: empty, format: '', paragraphs: '', sheet: '', encoding: 'utf-8' }, noErrors());
  }

  /** Step 1 sent: previewed at once, so what cannot be read is said on this page; kept only when it can be. */
  @Post('new')
  @UseInterceptors(UploadWithCsrf)
  async upload(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Body() body: Record<string, unknown>,
    @UploadedFile() upload: UploadedImportFile | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const values = readStepOne(body);
    const over = uploadOverLimit(request);
    if (over) {
      // The reading stopped at the limit: what came after it (the other fields) is not there, so only this is said.
      const errors = noErrors();
      const limit = sizeWords(this.imports.maxBytes);
      if (over.part === 'file') addError(errors, 'file', `The selected file must be smaller than ${limit}`);
      else if (over.field === 'text') addError(errors, 'text', `The pasted text must be smaller than ${limit}`);
      else addError(errors, Object.hasOwn(WORDING, over.field) ? over.field : 'file', `${Object.hasOwn(WORDING, over.field) ? WORDING[over.field].label : 'A field of the form'} must be shorter than ${limit}`);
      return this.stepOne(response, values, errors, HttpStatus.PAYLOAD_TOO_LARGE);
    }
    const file = upload && upload.size > 0 ? upload : null;
    const pasted = values.text.trim() !== '' ? values.text : null;
    const { options, input } = importOptions(values);
    const { value, errors } = validateForm(ImportOptionsDto, input, WORDING);
    withDateProblems(errors, [['publishedOn-day', values.publishedOn], ['startsOn-day', values.startsOn], ['endsOn-day', values.endsOn]]);
    if (!file && !pasted) addError(errors, 'file', 'Choose a file to upload, or paste the plan’s text');
    if (file && pasted) addError(errors, 'file', 'Upload a file or paste text, not both');
    if (hasErrors(errors)) return this.stepOne(response, values, errors, HttpStatus.BAD_REQUEST);
    try {
      await this.imports.preview({ options: Object.assign(value, pasted ? { text: pasted } : {}), file });
    } catch (error) {
      const refused = refusal(error, input, file ? 'file' : 'text');
      if (refused) return this.stepOne(response, values, refused.errors, refused.status);
      throw error;
    }
    const id = await this.drafts.keep(actor, {
      content: file ? file.buffer : Buffer.from(pasted!, 'utf8'),
      isFile: !!file,
      fileName: file ? file.originalname.slice(0, 200) : null,
      contentType: file ? file.mimetype : null,
      options,
    });
    this.pages.redirect(response, `/admin/imports/${id}`);
  }

  @Get(':draftId')
  async preview(@CurrentActor() actor: Actor, @Param('draftId', pageId) id: string, @Res() response: Response): Promise<void> {
    const draft = await this.drafts.find(actor, id);
    if (draft.state === 'committed') return this.pages.redirect(response, `/admin/imports/${id}/done`);
    await this.showPreview(response, draft);
  }

  /** The person's mapping of spellings to existing agencies, kept with the draft as the import's agencyAliases. */
  @Post(':draftId/agencies')
  async mapAgencies(@CurrentActor() actor: Actor, @Param('draftId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const draft = await this.drafts.find(actor, id);
    if (draft.state !== 'previewed') return this.pages.redirect(response, `/admin/imports/${id}`);
    const names = new Set((await this.allAgencies()).map((agency) => agency.name));
    const aliases: Record<string, string> = { ...((draft.options.agencyAliases as Record<string, string> | undefined) ?? {}) };
    for (let index = 0; index < 500 && typeof body[`spelling-${index}`] === 'string'; index += 1) {
      const spelling = text(body[`spelling-${index}`]);
      const agency = text(body[`agency-${index}`]);
      if (agency && names.has(agency)) aliases[spelling] = agency;
      else delete aliases[spelling];
    }
    const options = { ...draft.options };
    if (Object.keys(aliases).length) options.agencyAliases = aliases;
    else delete options.agencyAliases;
    await this.drafts.setOptions(actor, id, options);
    this.pages.redirect(response, `/admin/imports/${id}?mapped=1#agencies`);
  }

  /** Step 3: imports what was previewed, once; if the import would now do something else, the new preview comes first. */
  @Post(':draftId/confirm')
  async confirm(@CurrentActor() actor: Actor, @Param('draftId', pageId) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const draft = await this.drafts.find(actor, id);
    if (draft.state === 'committed') return this.pages.redirect(response, `/admin/imports/${id}/done`);
    if (!(await this.drafts.claim(actor, id))) return this.showPreview(response, draft, { notice: 'This import is already being written. Wait a moment, then reload this page.' }, HttpStatus.CONFLICT);
    try {
      const request = requestOf(draft);
      const now = await this.imports.preview(request);
      if (previewHash(now) !== text(body.previewHash)) {
        await this.drafts.release(id);
        return this.showPreview(response, draft, { notice: 'What this import would do has changed since you looked (the plan or its lead agencies were changed meanwhile). Nothing has been imported: check the preview again.' }, HttpStatus.CONFLICT, now);
      }
      const result = await this.imports.commit(request);
      await this.drafts.committed(id, result.planId!, { title: result.plan.title, summary: result.changes.summary, counts: result.counts, action: result.plan.action });
    } catch (error) {
      await this.drafts.release(id);
      if (error instanceof HttpException && error.getStatus() < 500) return this.showPreview(response, draft, { notice: `Nothing has been imported: ${reason(error)}` }, error.getStatus());
      throw error;
    }
    this.pages.redirect(response, `/admin/imports/${id}/done`);
  }

  @Get(':draftId/done')
  async done(@CurrentActor() actor: Actor, @Param('draftId', pageId) id: string, @Res() response: Response): Promise<void> {
    const draft = await this.drafts.find(actor, id);
    if (draft.state !== 'committed' || !draft.planId) return this.pages.redirect(response, `/admin/imports/${id}`);
    this.pages.render(response, 'admin/imports/done', { planId: draft.planId, result: draft.result });
  }

  private async showPreview(response: Response, draft: ImportDraft, extra: { notice?: string } = {}, status: number = HttpStatus.OK, view?: ImportView): Promise<void> {
    let shown = view;
    if (!shown) {
      try {
        shown = await this.imports.preview(requestOf(draft));
      } catch (error) {
        // What could be read before may not be now (the plan it goes into was deleted): say why, and start again.
        if (error instanceof HttpException && error.getStatus() < 500) {
          return this.pages.render(response, 'admin/imports/unreadable', { reason: reason(error) }, error.getStatus());
        }
        throw error;
      }
    }
    const mapped = (draft.options.agencyAliases as Record<string, string> | undefined) ?? {};
    const [agencies, target] = await Promise.all([this.allAgencies(), shown.plan.action === 'update' && shown.plan.id ? this.plans.tree(shown.plan.id).catch(() => null) : Promise.resolve(null)]);
    this.pages.render(
      response,
      'admin/imports/preview',
      {
        draftId: draft.id,
        hash: previewHash(shown),
        preview: importPreviewModel(shown, mapped),
        into: target ? { id: target.id, title: target.title } : null,
        agencyChoices: agencies.map((agency) => agency.name),
        notice: extra.notice ?? null,
        errors: noErrors(),
      },
      status,
    );
  }

  private async stepOne(response: Response, values: StepOneForm, errors: FormErrors, status: number = HttpStatus.OK): Promise<void> {
    const plans = await everyPage((page, pageSize) => this.plans.list(Object.assign(new PlanListQuery(), { page, pageSize })));
    const optionsChosen = !!(values.planId || values.title || values.kind || values.format || values.paragraphs || values.sheet || values.encoding !== 'utf-8' || [values.publishedOn, values.startsOn, values.endsOn].some((date) => date.parts.year || date.parts.month || date.parts.day));
    const optionErrors = Object.keys(errors.byField).some((id) => id !== 'file' && id !== 'text');
    this.pages.render(
      response,
      'admin/imports/new',
      {
        values,
        maxBytes: this.imports.maxBytes,
        maxSize: sizeWords(this.imports.maxBytes),
        plans: [{ value: '', text: 'A new plan', selected: !values.planId }, ...plans.map((plan) => ({ value: plan.id, text: plan.title, selected: plan.id === values.planId }))],
        kinds: [{ value: '', text: 'Work it out from the text', selected: !values.kind }, ...choices(PLAN_KIND_NAMES, values.kind)],
        formats: [{ value: '', text: 'Work it out from the file or text', checked: !values.format }, ...choices(FORMAT_NAMES, values.format)],
        openOptions: optionsChosen || optionErrors,
        errors,
      },
      status,
    );
  }

  private allAgencies() {
    return everyPage((page, pageSize) => this.agencies.list(Object.assign(new LeadAgencyListQuery(), { page, pageSize })));
  }
}

function readStepOne(body: Record<string, unknown>): StepOneForm {
  return {
    text: text(body.text),
    planId: text(body.planId),
    title: text(body.title).trim(),
    kind: text(body.kind),
    publishedOn: dateFromParts(body, 'publishedOn', 'The publication date'),
    startsOn: dateFromParts(body, 'startsOn', 'The start of the plan’s period'),
    endsOn: dateFromParts(body, 'endsOn', 'The end of the plan’s period'),
    format: text(body.format),
    paragraphs: text(body.paragraphs).trim(),
    sheet: text(body.sheet).trim(),
    encoding: text(body.encoding) || 'utf-8',
  };
}

/** The options as ImportOptionsDto takes them, leaving out what was left empty; `options` is what the draft keeps (no text). */
function importOptions(values: StepOneForm) {
  const given: Record<string, unknown> = {
    planId: values.planId || undefined,
    title: values.title || undefined,
    kind: values.kind || undefined,
    publishedOn: dateInputValue(values.publishedOn) ?? undefined,
    startsOn: dateInputValue(values.startsOn) ?? undefined,
    endsOn: dateInputValue(values.endsOn) ?? undefined,
    format: values.format || undefined,
    paragraphs: values.paragraphs ? values.paragraphs.split(',').map((part) => part.trim()) : undefined,
    sheet: values.sheet || undefined,
    encoding: values.encoding === 'utf-8' ? undefined : values.encoding,
  };
  const options = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  return { options, input: { ...options } };
}

/** What ImportsService needs to read a kept draft again: the same bytes (or text) and the same options. */
function requestOf(draft: ImportDraft) {
  const options = Object.assign(new ImportOptionsDto(), draft.options, draft.isFile ? {} : { text: draft.content.toString('utf8') });
  const file: UploadedImportFile | null = draft.isFile ? { originalname: draft.fileName ?? 'upload', mimetype: draft.contentType ?? 'application/octet-stream', size: draft.content.length, buffer: draft.content } : null;
  return { options, file };
}

/** An import's refusal as the step-one form's errors: options by field, anything about the input on the file or text box. */
function refusal(error: unknown, input: Record<string, unknown>, inputField: 'file' | 'text'): { errors: FormErrors; status: number } | null {
  if (error instanceof NotFoundException) {
    const errors = noErrors();
    addError(errors, 'planId', 'The plan to import into no longer exists: select another');
    return { errors, status: HttpStatus.BAD_REQUEST };
  }
  if (error instanceof FieldValidationException) return { errors: formErrors(problemsOf(error), input, labelsOnly(WORDING)), status: HttpStatus.BAD_REQUEST };
  if (error instanceof ImportRefusedException) {
    const body = error.getResponse() as { message?: string; problem?: string; errors?: Record<string, string> };
    const errors = noErrors();
    const fieldProblems = Object.entries(body.errors ?? {}).filter(([path]) => path in WORDING && path !== 'file' && path !== 'text');
    if (fieldProblems.length && body.problem === 'invalid_options') return { errors: formErrors(Object.fromEntries(fieldProblems), input, labelsOnly(WORDING)), status: error.getStatus() };
    addError(errors, inputField, sentence(body.message ?? 'The plan could not be read'));
    return { errors, status: error.getStatus() };
  }
  return null;
}

function reason(error: HttpException): string {
  const body = error.getResponse();
  const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  return sentence(typeof message === 'string' ? message : error.message);
}

function sentence(message: string): string {
  const trimmed = message.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
