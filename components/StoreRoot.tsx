import { useEffect, useState, type ReactNode } from 'react';
import { Provider } from 'react-redux';
import { connectPageStore, type PageStore } from '@/lib/bridge/pageStore';
import { useAppSelector } from './storeHooks';

function WaitForHydration({ children, preview }: { children: ReactNode; preview: ReactNode }) {
  const hydrated = useAppSelector((state) => state.app?.hydrated ?? false);
  if (!hydrated)
    return (
      preview ?? (
        <p role="status" className="loading">
          Loading Flowbar…
        </p>
      )
    );
  return <>{children}</>;
}

interface StoreRootProps {
  children: ReactNode;
  /** the connection, when the page started it before React (the side panel does, to save a frame) */
  connecting?: Promise<PageStore>;
  /** what to draw until the state is there (the side panel's snapshot); otherwise a status line */
  preview?: ReactNode;
}

/** Connects an extension page to the background store and renders once the store is loaded. */
export function StoreRoot({ children, connecting, preview }: StoreRootProps) {
  const [store, setStore] = useState<PageStore | null>(null);
  useEffect(() => {
    let live = true;
    void (connecting ?? connectPageStore()).then((connected) => live && setStore(connected));
    return () => {
      live = false;
    };
  }, [connecting]);
  if (!store)
    return (
      preview ?? (
        <p role="status" className="loading">
          Connecting…
        </p>
      )
    );
  return (
    <Provider store={store}>
      <WaitForHydration preview={preview}>{children}</WaitForHydration>
    </Provider>
  );
}
