/** Small pieces of English the designer's sentences share. Pure. */

/** "an Integer", "a String", "an HTTP": the article as the word is said. */
export function withArticle(word: string): string {
  return `${/^([AEIOU]|HTTP)/.test(word) ? 'an' : 'a'} ${word}`;
}
