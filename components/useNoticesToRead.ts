import { useEffect, useState } from 'preact/hooks';
import { call } from './client.ts';

/**
 * How many procedure notices wait for the signed-in person's acknowledgement, for the panel's tab
 * label: reloaded with the panel's revision (after each sync and sign-in), and set by the notices
 * view when it knows better.
 */
export function useNoticesToRead(revision: number): [number, (count: number) => void] {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    // A count that cannot be had leaves the label plain; the notices view reports the error.
    call('notices:list', {})
      .then((board) => live && setCount(board.toRead))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [revision]);
  return [count, setCount];
}
