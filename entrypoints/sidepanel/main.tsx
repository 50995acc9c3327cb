import '../../core/zodMessages.ts';
import { render } from 'preact';
import { Panel } from '../../components/Panel.tsx';

render(<Panel />, document.getElementById('app')!);
