import * as fs from 'fs';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { appendixView } from './appendix.view-model';
import Handlebars from 'handlebars';
import { HtmlRenderer, compileReportTemplates, dataNeeds } from './html-renderer';
import { reportTemplatesDir } from './templates-dir';
import { demoReportPlan } from './testing/demo-report-plan';

describe('HtmlRenderer', () => {
  const { plan, agencies } = demoReportPlan();

  it('compiles the templates once, when it is made, not per report', () => {
    const renderer = new HtmlRenderer();
    const reads = jest.spyOn(fs, 'readFileSync');
    try {
      const view = appendixView(plan, agencies, { appendix: '2', title: null, layout: null });
      renderer.render('appendix', view);
      renderer.render('appendix', view);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('escapes every piece of plan text, so markup and template syntax stay text', () => {
    const hostile = `<script>alert("x")</script> {{title}} {{{title}}} & 'q'`;
    const [section] = plan.sections;
    const [recommendation] = section.recommendations;
    const activity = { ...recommendation.activities[0], text: hostile, outcomeMeasures: [hostile], leadAgencyText: hostile };
    const view = appendixView(
      { ...plan, title: hostile, sections: [{ ...section, title: hostile, recommendations: [{ ...recommendation, text: hostile, activities: [activity] }] }] },
      agencies,
      { appendix: '1', title: null, layout: null },
    );
    const html = new HtmlRenderer().render('appendix', view);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain(`'q'`);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; {{title}} {{{title}}} &amp; &#x27;q&#x27;');
  });

  it('keeps line breaks and double spaces of multi-line text in its cell (bare when it is the one paragraph, styled pre-wrap)', () => {
    const [section] = plan.sections;
    const [recommendation] = section.recommendations;
    const activity = { ...recommendation.activities[0], text: 'First line\n  indented second line' };
    const view = appendixView({ ...plan, sections: [{ ...section, recommendations: [{ ...recommendation, activities: [activity] }] }] }, agencies, {
      appendix: '1',
      title: null,
      layout: null,
    });
    const html = new HtmlRenderer().render('appendix', view);
    expect(html).toContain('<td>First line\n  indented second line</td>');
    expect(html).toContain('.report-table td, .report-table th { white-space: pre-wrap; }');
  });

  it('wraps a cell in paragraphs only when it has several (or a bold lead line): fewer elements in a tagged PDF', () => {
    const [section] = plan.sections;
    const [recommendation] = section.recommendations;
    const activity = { ...recommendation.activities[0], text: 'One paragraph only', outcomeMeasures: ['First measure', 'Second measure'] };
    const view = appendixView({ ...plan, sections: [{ ...section, recommendations: [{ ...recommendation, activities: [activity] }] }] }, agencies, {
      appendix: '1',
      title: null,
      layout: null,
    });
    const html = new HtmlRenderer().render('appendix', view);
    expect(html).toContain('<td>One paragraph only</td>');
    expect(html).toContain('<td><p>First measure</p><p>Second measure</p></td>');
    // The recommendation's row header is bare too.
    expect(html).toMatch(/<th scope="row" rowspan="1"><span class="number">[^<]+<\/span> [^<]+<\/th>/);
  });

  it('renders a plan with no recommendations yet: the introduction says so and there are no tables', () => {
    const view = appendixView({ ...plan, sections: [] }, agencies, { appendix: '1', title: null, layout: null });
    const html = new HtmlRenderer().render('appendix', view);
    expect(html).toContain('makes no recommendations. This improvement plan contains no tables yet.');
    expect(html).not.toContain('<table>');
    expect(html).not.toContain('Abbreviations');
  });
});

describe('compileReportTemplates', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ipm-templates-'));
    mkdirSync(path.join(dir, 'partials'));
    for (const name of ['appendix', 'progress-report', 'exception-report', 'performance-report', 'board-pack', 'action-log', 'scrutiny-monitoring']) writeFileSync(path.join(dir, `${name}.hbs`), '<p>{{title}}</p>');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['{{{title}}}', '{{& title}}'])('refuses a template that prints %s unescaped', (expression) => {
    writeFileSync(path.join(dir, 'partials', 'bad.hbs'), `<p>${expression}</p>`);
    expect(() => compileReportTemplates(dir)).toThrow(/unescaped expression/);
  });

  it('fails loudly on a field the view model lacks, rather than printing an empty cell', () => {
    const templates = compileReportTemplates(dir);
    expect(() => templates.appendix({} as never)).toThrow(/"title" not defined/);
  });

  it('gives @data to a template whose partial uses it, though the template names none itself', () => {
    writeFileSync(path.join(dir, 'partials', 'numbered.hbs'), '{{#each items}}<li>{{@index}} {{this}}</li>{{/each}}');
    writeFileSync(path.join(dir, 'partials', 'list.hbs'), '<ol>{{> numbered}}</ol>');
    writeFileSync(path.join(dir, 'appendix.hbs'), '{{> list}}');
    expect(compileReportTemplates(dir).appendix({ items: ['a', 'b'] } as never)).toBe('<ol><li>0 a</li><li>1 b</li></ol>');
  });
});

describe('dataNeeds', () => {
  const partials = new Map([
    ['layout', '<main>{{> @partial-block}}</main>'],
    ['numbered', '{{#each items}}{{@index}}{{/each}}'],
    ['table', '{{#each rows}}{{#each cells}}{{> cell}}{{/each}}{{/each}}'],
    ['cell', '<td>{{text}}</td>'],
    ['outer', '{{> inner}}'],
    ['inner', '{{#if deep}}{{> outer}}{{/if}}'],
  ]);
  it.each([
    ['names @index', '{{#each rows}}{{@index}}{{/each}}', true],
    ['calls a layout by a partial block', '{{#> layout}}<p>{{title}}</p>{{/layout}}', true],
    ['calls a partial that names @index', '{{> numbered}}', true],
    ['calls partials that name none', '{{> table}}', false],
    ['names none and calls none', '<p>{{title}}</p>', false],
    ['calls partials that call each other', '{{> outer}}', false],
    ['calls a partial not registered (Handlebars refuses it when rendering)', '{{> missing}}', false],
  ])('a template that %s: %s', (_, source, expected) => {
    expect(dataNeeds(partials)(source)).toBe(expected);
  });

  it('answers the same whichever template it is asked about first, cycles and all', () => {
    // "section" calls "row" (which calls "section" back) and "numbers" (which names @index): all three need data.
    const cycle = new Map([
      ['section', '{{> row}}{{> numbers}}'],
      ['row', '{{#if more}}{{> section}}{{/if}}'],
      ['numbers', '{{#each items}}{{@index}}{{/each}}'],
    ]);
    const needs = dataNeeds(cycle);
    expect(needs('{{> section}}')).toBe(true);
    expect(needs('{{> row}}')).toBe(true);
  });
});

describe('the lean compile options', () => {
  it('print the very appendix the stock options print', () => {
    const dir = reportTemplatesDir();
    const stock = Handlebars.create();
    const options = { strict: true, preventIndent: true };
    for (const file of fs.readdirSync(path.join(dir, 'partials'))) {
      stock.registerPartial(path.basename(file, '.hbs'), stock.compile(fs.readFileSync(path.join(dir, 'partials', file), 'utf8'), options));
    }
    const { plan, agencies } = demoReportPlan();
    for (const draft of [true, false]) {
      const view = appendixView({ ...plan, status: draft ? 'draft' : 'approved' }, agencies, { appendix: '2', title: null, layout: null });
      const expected = stock.compile(fs.readFileSync(path.join(dir, 'appendix.hbs'), 'utf8'), options)(view);
      expect(new HtmlRenderer().render('appendix', view)).toBe(expected);
    }
  });
});
