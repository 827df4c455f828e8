import { useEffect, useState, type ReactNode } from 'react';
import { Provider } from 'react-redux';
import { connectPageStore, type PageStore } from '@/lib/bridge/pageStore';
import { useAppSelector } from './storeHooks';

function WaitForHydration({ children }: { children: ReactNode }) {
  const hydrated = useAppSelector((state) => state.app?.hydrated ?? false);
  if (!hydrated) return <p role="status" className="loading">Loading Flowbar…</p>;
  return <>{children}</>;
}

/** Connects an extension page to the background store and renders once the store is loaded. */
export function StoreRoot({ children }: { children: ReactNode }) {
  const [store, setStore] = useState<PageStore | null>(null);
  useEffect(() => {
    let live = true;
    void connectPageStore().then((connected) => live && setStore(connected));
    return () => {
      live = false;
    };
  }, []);
  if (!store) return <p role="status" className="loading">Connecting…</p>;
  return (
    <Provider store={store}>
      <WaitForHydration>{children}</WaitForHydration>
    </Provider>
  );
}
