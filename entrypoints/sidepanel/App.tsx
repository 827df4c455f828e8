export function App() { return <h1>Flowbar</h1>; }
