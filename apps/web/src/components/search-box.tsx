'use client';
import { useEffect, useRef, useState } from 'react';

/** A search input that reports its value after the user pauses typing. */
export function SearchBox({ value, onChange, placeholder, label }: { value: string; onChange: (v: string) => void; placeholder: string; label: string }) {
  const [text, setText] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  // Text typed into the server-rendered box before the page hydrated is in the DOM, not in state:
  // take it over once, or the first search of a fast user (or test) is silently dropped.
  useEffect(() => {
    const typed = input.current?.value ?? '';
    if (typed !== '' && typed !== value) setText(typed);
    // Only the DOM at mount matters here.
  }, []);
  useEffect(() => {
    const id = setTimeout(() => {
      if (text !== value) onChange(text);
    }, 300);
    return () => clearTimeout(id);
  }, [text, value, onChange]);
  return <input ref={input} type="search" className="search" aria-label={label} placeholder={placeholder} value={text} onChange={(e) => setText(e.target.value)} />;
}
