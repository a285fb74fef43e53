import * as domutils from 'domutils';
import { parseDocument } from 'htmlparser2';
import JSZip from 'jszip';
import { DocxRenderer } from '../../reports/docx-renderer';
import { HtmlRenderer } from '../../reports/html-renderer';
import { ChartRenderer, RenderedChart } from '../charts/chart-renderer';
import { PerformanceReportInput, performanceChartInputs, performanceReportView } from './performance-report.view-model';
import { boardInput, overdue, reReferrals } from './testing/performance-input';

// The report as HTML (and so PDF) and Word, with charts drawn by the real worker and text that tries to break out.

const HOSTILE = `<script>alert("x")</script> {{title}} & 'q'`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; {{title}} &amp; &#x27;q&#x27;';

function hostileInput(): PerformanceReportInput {
  const input = boardInput();
  const [first, second] = input.priorities;
  return {
    ...input,
    planTitle: HOSTILE,
    priorities: [
      {
        ...first,
        title: `Assessment ${HOSTILE}`,
        dataTellsUs: HOSTILE,
        nextSteps: HOSTILE,
        chairRatings: first.chairRatings.map((rating) => ({ ...rating, reason: HOSTILE })),
        exceptions: [{ ...overdue, text: HOSTILE }],
        indicators: [
          { ...reReferrals, title: `Re-referrals ${HOSTILE}`, comparators: [...reReferrals.comparators, { name: HOSTILE, kind: 'other', financialYear: null, source: null, value: 25 }] },
          ...first.indicators.slice(1),
        ],
      },
      second,
    ],
  };
}

async function drawAll(input: PerformanceReportInput, renderer: ChartRenderer): Promise<Map<string, RenderedChart>> {
  const charts = new Map<string, RenderedChart>();
  for (const { key, input: chart } of performanceChartInputs(input)) charts.set(key, await renderer.renderIndicator(chart, `${key}-`));
  return charts;
}

describe('the performance report, rendered', () => {
  const renderer = new ChartRenderer({ timeoutMs: 60_000 });
  afterAll(() => renderer.close());

  it('prints HTML with every piece of council text escaped, tables with headers, and each chart as a labelled figure', async () => {
    const input = hostileInput();
    const view = performanceReportView(input, await drawAll(input, renderer), { appendix: '3', title: null });
    const html = new HtmlRenderer().render('performance-report', view);

    expect(html).not.toContain('<script>');
    expect(html).not.toContain(`'q'`);
    expect(html).toContain(`<h1>Appendix 3: Performance report on the ${ESCAPED}, June 2022</h1>`);
    expect(html).toContain(`Assessment ${ESCAPED} — <span class="rag-label rag-amber">RAG: Amber, Medium Risk</span></h2>`);
    expect(html).toContain(`<p>${ESCAPED}</p>`);
    expect(html).toContain('<p class="draft-mark">DRAFT</p>');
    // The report's own styles go in the head, after the shared ones.
    expect(html.indexOf('figure.chart svg {')).toBeGreaterThan(html.indexOf('.rag-red {'));
    expect(html.indexOf('figure.chart svg {')).toBeLessThan(html.indexOf('</head>'));

    const document = parseDocument(html);
    const byTag = (name: string) => domutils.getElementsByTagName(name, document);
    expect(byTag('script')).toHaveLength(0);
    expect(byTag('foreignobject')).toHaveLength(0);
    const headings = byTag('h2').map((h) => domutils.textContent(h));
    expect(headings).toEqual(['RAG ratings', `Assessment ${HOSTILE} — RAG: Amber, Medium Risk`, `Assessment ${HOSTILE}: overdue and at-risk actions`, 'Children in Care — RAG: Green']);
    expect(byTag('h3').map((h) => domutils.textContent(h))).toEqual(['What the data tells us', 'Actions / next steps', 'What the data tells us', 'Actions / next steps']);

    const [table] = byTag('table').filter((t) => t.attribs.class === 'indicators');
    expect(domutils.textContent(domutils.getElementsByTagName('caption', table))).toBe(`Assessment ${HOSTILE}: indicators, October 2021 to June 2022`);
    const columnHeaders = domutils.getElementsByTagName('th', table).filter((th) => th.attribs.scope === 'col').map((th) => domutils.textContent(th));
    expect(columnHeaders).toEqual(['Indicator', 'Oct-21', 'Nov-21', 'Dec-21', 'Jan-22', 'Feb-22', 'Mar-22', 'Apr-22', 'May-22', 'Jun-22', 'Target', 'Southampton 19/20', 'Statistical Neighbours', 'England', HOSTILE, 'RAG and why']);
    const rowHeaders = domutils.getElementsByTagName('th', table).filter((th) => th.attribs.scope === 'row');
    expect(domutils.textContent(rowHeaders[0])).toBe(`Re-referrals ${HOSTILE}Percentage, rolling 12 months, lower is better`);
    // The value is marked in words as well as colour.
    const june = domutils.getElementsByTagName('tr', table)[1].children.filter((c) => domutils.isTag(c) && c.name === 'td')[8];
    expect(domutils.textContent(june)).toBe('26%Redprov.');
    expect(domutils.isTag(june) && june.attribs.class).toBe('figure rag-red');

    const figures = byTag('figure');
    expect(figures).toHaveLength(4);
    const [figure] = figures;
    const svg = domutils.getElementsByTagName('svg', figure)[0];
    expect(svg.attribs.role).toBe('img');
    expect(svg.attribs['aria-labelledby']).toBe('chart-1-1-text');
    const caption = domutils.getElementsByTagName('figcaption', figure)[0];
    expect(caption.attribs.id).toBe('chart-1-1-text');
    expect(domutils.textContent(caption)).toMatch(new RegExp(`^Re-referrals .*, October 2021 to June 2022: rose from 21% to 26% against a target of 23%; no data for May 2022;`));
    expect(domutils.textContent(domutils.getElementsByTagName('title', svg)[0])).toBe(`Re-referrals ${HOSTILE}`);
    const chartTexts = domutils.getElementsByTagName('text', svg).map((t) => domutils.textContent(t));
    expect(chartTexts).toEqual(expect.arrayContaining(['Oct-21', 'Jun-22', 'Outturn 26%', 'Target 23%', 'statistical neighbours 28%', `${HOSTILE} 25%`]));

    const exceptionTable = byTag('table').find((t) => t.attribs.class !== 'indicators')!;
    expect(domutils.textContent(exceptionTable)).toContain(`1.2 ${HOSTILE}`);
    expect(html).toContain('No actions of this priority are overdue or at risk.');
  });

  it('writes Word with the indicator table (header row repeated) and a chart per indicator described for screen readers', async () => {
    const input = hostileInput();
    const view = performanceReportView(input, new Map(), { appendix: '3', title: null });
    const zip = await JSZip.loadAsync(await new DocxRenderer().render('performance-report', view));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:tblHeader/>');
    for (const month of ['Oct-21', 'May-22', 'Jun-22']) expect(xml).toContain(`<w:t xml:space="preserve">${month}</w:t>`);
    expect(xml).toContain('<w:t xml:space="preserve">No data</w:t>');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(xml).not.toContain('<script>');
    expect(xml).toMatch(/descr="Re-referrals &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; \{\{title\}\} &amp; (?:'|&apos;)q(?:'|&apos;), October 2021 to June 2022: rose from 21% to 26%/);

    const charts = Object.keys(zip.files).filter((name) => /^word\/charts\/chart\d+\.xml$/.test(name));
    expect(charts).toHaveLength(4);
    const chartXml = await Promise.all(charts.map((name) => zip.file(name)!.async('string')));
    const first = chartXml.find((c) => c.includes('Outturn') && c.includes('Southampton 19/20'))!;
    expect(first).toContain('<c:lineChart>');
    expect(first).toContain('Target');
    expect(first).toContain('Oct-21');
  });
});
