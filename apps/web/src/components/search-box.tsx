'use client';
import { useEffect, useState } from 'react';

/** A search input that reports its value after the user pauses typing. */
export function SearchBox({ value, onChange, placeholder, label }: { value: string; onChange: (v: string) => void; placeholder: string; label: string }) {
  const [text, setText] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => {
      if (text !== value) onChange(text);
    }, 300);
    return () => clearTimeout(id);
  }, [text, value, onChange]);
  return <input type="search" className="search" aria-label={label} placeholder={placeholder} value={text} onChange={(e) => setText(e.target.value)} />;
}
