import { useEffect, useState } from 'react';
import { parseOptionsHash, type OptionsRoute } from './optionsRoute';

/** The options page's route from its URL fragment; follows later changes (a link, the back button). */
export function useOptionsRoute(): OptionsRoute | null {
  const [route, setRoute] = useState(() => parseOptionsHash(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseOptionsHash(location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}
