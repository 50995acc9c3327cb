import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A view whose code is fetched the first time it is shown: the panel opens with what it needs to
 * score a contact, and the rest (account, notices) comes from the extension's own files on demand.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return function LazyView(props: P) {
    const [View, setView] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (View) return undefined;
      let live = true;
      void (loading ??= load().then((v) => (loaded = v))).then((v) => live && setView(() => v));
      return () => {
        live = false;
      };
    }, [View]);
    return View ? <View {...props} /> : <p class="muted" role="status">Loading…</p>;
  };
}
