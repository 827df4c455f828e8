// Links into the options page, as its URL fragment, so other pages (the side panel's setup card,
// the welcome page) can open it at the right form:
//   #providers/new?preset=openai&default=1   the provider form, filled from a preset, "make default" ticked
//   #providers/edit?id=ollama                 the form of a saved provider
//   #shortcuts, #providers, …                  a section

export type OptionsRoute =
  { kind: 'new-provider'; preset: string | null; makeDefault: boolean } | { kind: 'edit-provider'; providerId: string } | { kind: 'section'; section: string };

export function optionsHash(route: OptionsRoute): string {
  switch (route.kind) {
    case 'new-provider': {
      const query = new URLSearchParams();
      if (route.preset) query.set('preset', route.preset);
      if (route.makeDefault) query.set('default', '1');
      const text = query.toString();
      return `#providers/new${text ? `?${text}` : ''}`;
    }
    case 'edit-provider':
      return `#providers/edit?${new URLSearchParams({ id: route.providerId })}`;
    case 'section':
      return `#${route.section}`;
  }
}

export function parseOptionsHash(hash: string): OptionsRoute | null {
  const [path = '', queryText = ''] = hash.replace(/^#/, '').split('?', 2);
  const query = new URLSearchParams(queryText);
  if (path === 'providers/new') return { kind: 'new-provider', preset: query.get('preset'), makeDefault: query.get('default') === '1' };
  if (path === 'providers/edit') {
    const providerId = query.get('id');
    return providerId ? { kind: 'edit-provider', providerId } : { kind: 'section', section: 'providers' };
  }
  return /^[a-z-]+$/.test(path) ? { kind: 'section', section: path } : null;
}
