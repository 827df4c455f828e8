import { createRoot } from 'react-dom/client';
import { StoreRoot } from '@/components/StoreRoot';
import { WelcomeTour } from '@/components/welcome/WelcomeTour';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <StoreRoot>
    <WelcomeTour />
  </StoreRoot>,
);
