import { createRoot } from 'react-dom/client';
import { StoreRoot } from '@/components/StoreRoot';
import { App } from './App';
import '../sidepanel/style.css';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <StoreRoot>
    <App />
  </StoreRoot>,
);
