import JSZip from 'jszip';
import { appendixView } from './appendix.view-model';
import { DocxRenderer, wordSafe } from './docx-renderer';
import { demoReportPlan } from './testing/demo-report-plan';

describe('wordSafe', () => {
  it.each([
    ['plain text & <markup> "quotes"', 'plain text & <markup> "quotes"'],
    ['bell\u0007 and form feed\u000C', 'bell\uFFFD and form feed\uFFFD'],
    ['tab\tand\nnewline kept', 'tab\tand\nnewline kept'],
    ['lone surrogate \uD800 here', 'lone surrogate \uFFFD here'],
    ['emoji 👍 kept', 'emoji 👍 kept'],
  ])('%j -> %j', (text, expected) => {
    expect(wordSafe(text)).toBe(expected);
  });
});

describe('DocxRenderer', () => {
  it('writes text with control characters and line breaks as a file Word can read', async () => {
    const { plan, agencies } = demoReportPlan();
    const [section] = plan.sections;
    const [recommendation] = section.recommendations;
    const activity = { ...recommendation.activities[0], text: 'First\u0001 line\nsecond <line> & more' };
    const view = appendixView({ ...plan, sections: [{ ...section, recommendations: [{ ...recommendation, activities: [activity] }] }] }, agencies, {
      appendix: '1',
      title: null,
      layout: null,
    });
    const buffer = await new DocxRenderer().render('appendix', view);
    const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
    expect(xml).not.toMatch(/[\u0000-\u0008]/);
    expect(xml).toContain('<w:t xml:space="preserve">First\uFFFD line</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">second &lt;line&gt; &amp; more</w:t>');
  });
});
