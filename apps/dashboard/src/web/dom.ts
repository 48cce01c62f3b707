/** An element with attributes and children; text is always text (never parsed as HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined) el.append(child);
  return el;
}

/** A wide table in a box that scrolls sideways on a narrow screen, reachable with the keyboard (a named region). */
export const scrollable = (label: string, child: Node): HTMLDivElement => h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': label }, child);
