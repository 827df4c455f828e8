import { createElement, lazy, type ComponentType } from 'react';

/**
 * A view whose code loads on first need or ahead of it (`load`). Once loaded it renders at once:
 * React.lazy alone suspends on the first render even for code already there, and React holds a
 * revealed Suspense boundary back for up to 300 ms (History's first opening waited that long
 * between the click and its search: bench/historyAtScale.mjs).
 */
export function preloadableView<P extends object>(importView: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const load = () =>
    (loading ??= importView().then(
      (view) => (loaded = view),
      (error: unknown) => {
        loading = undefined; // a failed chunk load may be tried again
        throw error;
      },
    ));
  const Lazy = lazy(() => load().then((view) => ({ default: view })));
  function View(props: P) {
    return createElement(loaded ?? Lazy, props);
  }
  return { View, load };
}
