import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Month } from '../domain';
import { IndicatorChartInput } from './chart-model';
import { ChartRenderer } from './chart-renderer';
import { serializeSvg, svgTexts } from './svg-tree';

// These tests start real worker threads running chart-worker.mjs with the real vega and vega-lite.

const MONTHS: Month[] = ['2021-10', '2021-11', '2021-12', '2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06'];
const reReferrals: IndicatorChartInput = {
  title: 'Percentage of re-referrals within 12 months',
  unit: 'percentage',
  months: MONTHS,
  values: [21, 22, 23, 22, 24, 25, 24, null, 26],
  targets: MONTHS.map(() => 23),
  comparators: [
    { label: 'statistical neighbours', value: 28 },
    { label: 'England', value: null },
  ],
};

describe('ChartRenderer', () => {
  const renderer = new ChartRenderer({ timeoutMs: 60_000 });
  afterAll(() => renderer.close());

  it('draws an indicator as SVG with its months, series labels, dashed target and text alternative', async () => {
    const chart = await renderer.renderIndicator(reReferrals, 'chart-1-');
    expect(chart.svg.tag).toBe('svg');
    const texts = svgTexts(chart.svg);
    expect(texts).toEqual(expect.arrayContaining(['Oct-21', 'Jan-22', 'Jun-22', 'Outturn 26%', 'Target 23%', 'statistical neighbours 28%', 'Per cent']));
    expect(texts.join(' ')).not.toMatch(/England/);
    const markup = serializeSvg(chart.svg);
    expect(markup).toContain('stroke="#d4351c"');
    expect(markup).toMatch(/stroke-dasharray="7,4"/);
    expect(chart.text).toBe(
      'Percentage of re-referrals within 12 months, October 2021 to June 2022: rose from 21% to 26% against a target of 23%; no data for May 2022; statistical neighbours 28%, England not available',
    );
  });

  it('escapes hostile labels: they come out as text, never as markup', async () => {
    const hostile = '<script>alert("x")</script><foreignObject>&';
    const chart = await renderer.renderIndicator({ ...reReferrals, seriesLabel: hostile, comparators: [{ label: hostile, value: 28 }] }, 'c-');
    const markup = serializeSvg(chart.svg);
    expect(markup).not.toMatch(/<script|<foreignObject/);
    expect(svgTexts(chart.svg)).toContain(`${hostile} 28%`);
    expect(markup).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;foreignObject&gt;&amp; 28%');
  });

  it('draws several charts at once on a pool of workers', async () => {
    const pool = new ChartRenderer({ workers: 2, timeoutMs: 60_000 });
    try {
      const charts = await Promise.all([21, 31, 41].map((first) => pool.renderIndicator({ ...reReferrals, values: [first, ...reReferrals.values.slice(1)] }, `c${first}-`)));
      expect(charts.map((c) => /(rose|fell) from \d+%/.exec(c.text)?.[0])).toEqual(['rose from 21%', 'fell from 31%', 'fell from 41%']);
    } finally {
      await pool.close();
    }
  });

  it('refuses a specification Vega cannot draw, and draws the next one', async () => {
    await expect(renderer.renderSpec({ mark: 'line', encoding: { x: { field: 'a', type: 'nonsense' } }, data: { values: [{ a: 1 }] } })).rejects.toThrow(/could not be drawn/);
    await expect(renderer.renderSpec({ mark: 'point', data: { values: [{ a: 1 }] }, encoding: { x: { field: 'a', type: 'quantitative' } } })).resolves.toMatch(/^<svg/);
  });

  it('never loads data from anywhere: a specification that names a URL is refused', async () => {
    await expect(renderer.renderSpec({ mark: 'point', data: { url: 'file:///etc/passwd' }, encoding: {} })).rejects.toThrow(/load nothing/);
  });

  describe('a worker that never answers', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'ipm-chart-'));
      writeFileSync(path.join(dir, 'stuck.mjs'), "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { for (;;) {} });\n");
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is given up after the timeout and replaced; a closed renderer refuses', async () => {
      const stuck = new ChartRenderer({ timeoutMs: 300, workerFile: path.join(dir, 'stuck.mjs') });
      await expect(stuck.renderSpec({})).rejects.toThrow(/took longer than 300 ms/);
      await expect(stuck.renderSpec({})).rejects.toThrow(/took longer than 300 ms/);
      await stuck.close();
      await expect(stuck.renderSpec({})).rejects.toThrow(/has been closed/);
    });
  });
});
