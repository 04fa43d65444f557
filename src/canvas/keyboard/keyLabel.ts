const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The keys of a combination as a user reads them: "Mod" is ⌘ on a Mac, Ctrl elsewhere.
 * @example keyParts('Mod+Shift+Z') // ['Ctrl', 'Shift', 'Z'] (not on a Mac)
 */
export function keyParts(combo: string): string[] {
  return combo.replace('Mod', isMac ? '⌘' : 'Ctrl').split('+');
}
