import { parseSvg, serializeSvg, svgTexts } from './svg-tree';

describe('parseSvg', () => {
  it('keeps the drawing: elements, presentation attributes and text, entities decoded', () => {
    const tree = parseSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="5" viewBox="0 0 10 5"><g transform="translate(1,2)"><path d="M0,0h10" stroke="#505a5f" stroke-dasharray="2,3"/><text font-size="10px">A &amp; B &lt;C&gt; &#233;</text></g></svg>',
    );
    expect(serializeSvg(tree)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5" viewBox="0 0 10 5"><g transform="translate(1,2)"><path d="M0,0h10" stroke="#505a5f" stroke-dasharray="2,3"></path><text font-size="10px">A &amp; B &lt;C&gt; é</text></g></svg>',
    );
    expect(svgTexts(tree)).toEqual(['A & B <C> é']);
  });

  it('drops what could run or fetch: scripts, foreign objects, event handlers, links, styles and outside references', () => {
    const tree = parseSvg(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><foreignObject><div>x</div></foreignObject><style>*{}</style>' +
        '<g onload="alert(2)" fill="url(https://evil.example/x)" style="background:url(x)"><a href="javascript:alert(3)"><text>link</text></a>' +
        '<rect width="1" height="1" fill="javascript:alert(4)"/><text>kept</text></g></svg>',
    );
    const markup = serializeSvg(tree);
    expect(markup).toBe('<svg xmlns="http://www.w3.org/2000/svg"><g><rect width="1" height="1"></rect><text>kept</text></g></svg>');
  });

  it("prefixes ids and the references to them, so one page's charts keep their own clip paths", () => {
    const tree = parseSvg('<svg><defs><clipPath id="clip1"><rect width="2" height="2"/></clipPath></defs><g clip-path="url(#clip1)"></g></svg>', 'chart-3-');
    expect(serializeSvg(tree)).toBe('<svg><defs><clipPath id="chart-3-clip1"><rect width="2" height="2"></rect></clipPath></defs><g clip-path="url(#chart-3-clip1)"></g></svg>');
  });

  it.each([
    ['<svg><g></svg>', /closes <g>/],
    ['<svg><g>', /ends inside an element/],
    ['<svg><text>a < b</text></svg>', /Not well-formed/],
    ['<g></g>', /no <svg> element/],
  ])('refuses %j', (markup, message) => {
    expect(() => parseSvg(markup)).toThrow(message);
  });
});
