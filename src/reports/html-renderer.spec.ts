import * as fs from 'fs';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { appendixView } from './appendix.view-model';
import { HtmlRenderer, compileReportTemplates } from './html-renderer';
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
});
