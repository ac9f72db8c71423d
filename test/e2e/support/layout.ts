/**
 * Layout checks for narrow screens: no control of the workspace or the lesson panel is clipped by
 * a box around it, hidden under another element (the lesson panel), or cut short (a read-only
 * field or a select too narrow for its text), and the workspace never scrolls sideways.
 */
import { expect, type Page } from '@playwright/test';

/** Every clipped, covered or cut-short control of the page now, described in a sentence each. */
export async function clippedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => {
      const name = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
      return `<${el.tagName.toLowerCase()}> "${name.trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
    };
    const scopes = ['main', 'aside[aria-label="Lesson"]'];
    const selector = 'button, a[href], input, select, textarea, [role="tab"], [role="switch"], [tabindex="0"]';
    const controls = scopes.flatMap((scope) => [...document.querySelectorAll(`${scope} :is(${selector})`)]) as HTMLElement[];
    for (const el of controls) {
      if (el.closest('[hidden], .sr-only') || el.getClientRects().length === 0) continue;
      let r = el.getBoundingClientRect();
      // Visually hidden helpers (a switch's input) are not what the learner sees.
      if (r.width < 4 || r.height < 4) continue;
      // Scrolling is instant here (no smooth behaviour asked for), so the new box is measured at once.
      el.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
      r = el.getBoundingClientRect();
      // What of it shows: a row wider than a box that scrolls it sideways (a wide table) shows as
      // much of itself as that box does, and the boxes around that must fit that much.
      let seen = { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      for (let box = el.parentElement; box; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const b = box.getBoundingClientRect();
        // A region taller than the box scrolling it (a long table) cannot fit: only its width must.
        const tall = seen.bottom - seen.top > b.height;
        const wide = seen.right - seen.left > b.width && (style.overflowX === 'auto' || style.overflowX === 'scroll');
        if ((!wide && (seen.left < b.left - 1 || seen.right > b.right + 1)) || (!tall && (seen.top < b.top - 1 || seen.bottom > b.bottom + 1))) {
          problems.push(`${describe(el)} is clipped by ${box.tagName.toLowerCase()}.${[...box.classList].join('.')}`);
          break;
        }
        if (wide) seen = { ...seen, left: Math.max(seen.left, b.left), right: Math.min(seen.right, b.right) };
      }
      if (seen.right > innerWidth + 1 || seen.left < -1 || (r.height <= innerHeight && (r.bottom > innerHeight + 1 || r.top < -1))) {
        problems.push(`${describe(el)} is outside the window`);
      }
      const hit = document.elementFromPoint((seen.left + seen.right) / 2, (seen.top + seen.bottom) / 2);
      const label = hit instanceof HTMLLabelElement && hit.control === el;
      if (hit && !label && hit !== el && !el.contains(hit) && !hit.contains(el)) problems.push(`${describe(el)} is hidden under ${describe(hit)}`);
      if (el instanceof HTMLInputElement && el.readOnly && el.scrollWidth > el.clientWidth + 1) problems.push(`${describe(el)} is too narrow for its value`);
      if (el instanceof HTMLSelectElement) {
        const probe = document.createElement('span');
        probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${getComputedStyle(el).font}`;
        probe.textContent = el.selectedOptions[0]?.textContent ?? '';
        document.body.append(probe);
        // The arrow and the padding need some 2rem beside the text.
        if (probe.getBoundingClientRect().width + 24 > el.clientWidth) problems.push(`${describe(el)} is too narrow for "${probe.textContent}"`);
        probe.remove();
      }
    }
    for (const area of document.querySelectorAll<HTMLElement>('main .tabpanel:not([hidden]), main .page')) {
      if (area.scrollWidth > area.clientWidth + 1) problems.push(`the workspace scrolls sideways (${area.scrollWidth} px of content in ${area.clientWidth} px)`);
    }
    return [...new Set(problems)];
  });
}

/** Fails softly (so later views are checked too) listing every clipped control of `view`. */
export async function expectNothingClipped(page: Page, view: string): Promise<void> {
  expect.soft(await clippedControls(page), `clipped or hidden controls, view: ${view}`).toEqual([]);
}
