// @vitest-environment jsdom
import { act, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, expect, it } from 'vitest';
import { preloadableView } from './preloadableView';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

function mountWithin(view: ReturnType<typeof preloadableView<{ name: string }>>) {
  const container = document.createElement('div');
  const root = createRoot(container);
  act(() =>
    root.render(
      <Suspense fallback={<p>Loading…</p>}>
        <view.View name="Ada" />
      </Suspense>,
    ),
  );
  return { container, root };
}

it('a view loaded ahead renders in the first commit, without the fallback', async () => {
  let imports = 0;
  const view = preloadableView(async () => {
    imports++;
    return Greeting;
  });
  await view.load();
  await view.load();
  const { container, root } = mountWithin(view);
  expect(container.textContent).toBe('Hello Ada');
  expect(imports).toBe(1);
  act(() => root.unmount());
});

it('a view not loaded yet shows the fallback, then itself, and a failed load can be tried again', async () => {
  let fail = true;
  const view = preloadableView(async () => {
    if (fail) throw new Error('chunk failed');
    return Greeting;
  });
  await expect(view.load()).rejects.toThrow('chunk failed');
  fail = false;
  const { container, root } = mountWithin(view);
  expect(container.textContent).toBe('Loading…');
  await act(async () => {
    await view.load();
  });
  expect(container.textContent).toBe('Hello Ada');
  act(() => root.unmount());
});
