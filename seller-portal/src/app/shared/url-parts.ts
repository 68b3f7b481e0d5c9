/**
 * A URL cut after each "/", ".", "?", "&", "=", "#" and "-", to render with a line-break opportunity (`<wbr>`) after
 * each part: a narrow cell then breaks it between host, path segments and query pairs, not at whichever letter
 * reaches the edge. Joined again, the parts are the URL.
 */
export function urlParts(url: string): string[] {
  const parts = url.match(/[^/.?&=#-]*(?:[/.?&=#-]+|$)/g)?.filter(Boolean) ?? [];
  return parts.length ? parts : [url];
}
