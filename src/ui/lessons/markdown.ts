/**
 * Lesson Markdown to safe HTML: marked renders it, DOMPurify removes anything that could run
 * (scripts, event handlers, javascript: links). Needs a DOM (the browser's).
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const marked = new Marked({ async: false, gfm: true });
const rendered = new Map<string, string>();

/** The sanitised HTML of a lesson's Markdown text (remembered: lesson texts do not change). */
export function lessonHtml(markdown: string): string {
  let html = rendered.get(markdown);
  if (html === undefined) {
    html = DOMPurify.sanitize(marked.parse(markdown) as string);
    rendered.set(markdown, html);
  }
  return html;
}
