import '../../core/zodMessages.ts';
import { render } from 'preact';
import { Report } from '../../components/Report.tsx';

const id = new URLSearchParams(location.search).get('id') ?? '';
render(<Report id={id} />, document.getElementById('app')!);
