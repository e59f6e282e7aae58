/** Fictional organisations, people, suppliers and expense concepts. Any resemblance is coincidental. */

export interface SupplierEs {
  name: string;
  /** First two digits of the CUIT: 30/33 companies, 20/27 people. */
  prefix: '30' | '33' | '20' | '27';
}

export const SUPPLIERS_ES: readonly SupplierEs[] = [
  { name: 'Transportes Añelo S.R.L.', prefix: '30' },
  { name: 'Hotel Las Acequias S.A.', prefix: '30' },
  { name: 'Combustibles del Oeste S.A.', prefix: '30' },
  { name: 'Catering Doña Rosa S.R.L.', prefix: '33' },
  { name: 'Librería El Tintero S.R.L.', prefix: '30' },
  { name: 'Gráfica Patagónica S.A.', prefix: '30' },
  { name: 'Servicios Integrales Núñez S.R.L.', prefix: '30' },
  { name: 'Informática Güemes S.A.', prefix: '33' },
  { name: 'Telecomunicaciones Andinas S.A.', prefix: '30' },
  { name: 'Limpiezas del Valle S.R.L.', prefix: '30' },
  { name: 'Distribuidora Peñalba S.A.', prefix: '30' },
  { name: 'Climatización Rivadavia S.R.L.', prefix: '30' },
  { name: 'Estudio Contable Ibáñez', prefix: '20' },
  { name: 'Fletes San Martín S.R.L.', prefix: '30' },
  { name: 'Panificadora La Espiga S.A.', prefix: '30' },
  { name: 'Editorial Nueva Época S.A.', prefix: '30' },
  { name: 'Aerolíneas del Sur S.A.', prefix: '30' },
  { name: 'Peajes Ruta Cuyo S.A.', prefix: '33' },
  { name: 'Mónica Echeverría', prefix: '27' },
];

/** Concepts with the indexes of the suppliers that plausibly bill them, and an amount range in pesos. */
export const CONCEPTS_ES: ReadonlyArray<{ text: string; suppliers: number[]; min: number; max: number }> = [
  { text: 'Pasajes aéreos Capital - Córdoba', suppliers: [16], min: 90000, max: 380000 },
  { text: 'Alojamiento en hotel (3 noches)', suppliers: [1], min: 120000, max: 450000 },
  { text: 'Combustible vehículo oficial', suppliers: [2], min: 25000, max: 140000 },
  { text: 'Catering reunión de comisión', suppliers: [3, 14], min: 40000, max: 260000 },
  { text: 'Librería y útiles de oficina', suppliers: [4, 10], min: 8000, max: 95000 },
  { text: 'Impresión de folletos informativos', suppliers: [5, 15], min: 60000, max: 520000 },
  { text: 'Alquiler de salón para audiencia', suppliers: [6], min: 150000, max: 600000 },
  { text: 'Reparación de equipo informático', suppliers: [7], min: 35000, max: 210000 },
  { text: 'Telefonía móvil - abono mensual', suppliers: [8], min: 18000, max: 65000 },
  { text: 'Viáticos por traslado al interior', suppliers: [0, 18], min: 30000, max: 180000 },
  { text: 'Servicio de limpieza de oficinas', suppliers: [9], min: 90000, max: 320000 },
  { text: 'Tóner para impresoras', suppliers: [7, 10], min: 45000, max: 230000 },
  { text: 'Mantenimiento de aire acondicionado', suppliers: [11], min: 55000, max: 280000 },
  { text: 'Refrigerio jornada de capacitación', suppliers: [14, 3], min: 20000, max: 110000 },
  { text: 'Peajes y estacionamiento', suppliers: [17], min: 3500, max: 28000 },
  { text: 'Suscripción diario provincial', suppliers: [15], min: 12000, max: 40000 },
  { text: 'Honorarios asesoramiento contable', suppliers: [12], min: 250000, max: 900000 },
  { text: 'Flete y mudanza de mobiliario', suppliers: [13, 0], min: 70000, max: 350000 },
  { text: 'Traducción de documentos (inglés)', suppliers: [18], min: 40000, max: 160000 },
];

export const SUPPLIERS_EN_GH: readonly string[] = [
  'Kwabena Asante Construction Ltd',
  'Adjoa Boakye & Sons Enterprise',
  'Coastline Engineering Ltd',
  'Sunrise Medical Supplies Ltd',
  'Northern Star Logistics Ltd',
  'Greenfield Agro Inputs Ltd',
  'Volta Office Solutions',
  'Harmattan Water Systems Ltd',
  'Keystone Road Works Ltd',
  'Blue Lagoon ICT Services',
];

export const SUPPLIERS_EN_US: readonly string[] = [
  'Meridian Civil Works Inc.',
  'Atlas Bridgeway Partners LLC',
  'Bayside Medical Supply Co.',
  'Crescent Data Systems Ltd',
  'Harbor Light Engineering',
  'Summit Ridge Consulting Group',
  'Pioneer Fleet Services Inc.',
  'Evergreen Solar Networks',
  'Lakeshore Furniture Mfg.',
  'Redwood Water Technologies',
];

export const DESCRIPTIONS_EN: ReadonlyArray<{ text: string; min: number; max: number }> = [
  { text: 'Rehabilitation of feeder road (12 km)', min: 800000, max: 4500000 },
  { text: 'Supply of laboratory reagents', min: 40000, max: 350000 },
  { text: 'Construction of 6-unit classroom block', min: 600000, max: 2400000 },
  { text: 'Procurement of office furniture', min: 25000, max: 180000 },
  { text: 'Consultancy: feasibility study', min: 90000, max: 650000 },
  { text: 'Solar street lights, supply and install', min: 150000, max: 900000 },
  { text: 'Drilling of 10 boreholes', min: 120000, max: 480000 },
  { text: 'Supply of ICT equipment', min: 60000, max: 520000 },
  { text: 'Maintenance of official vehicles', min: 15000, max: 120000 },
  { text: 'Printing of examination materials', min: 30000, max: 260000 },
  { text: 'Supply of hospital beds (40 units)', min: 70000, max: 310000 },
  { text: 'Culvert construction, district roads', min: 200000, max: 1300000 },
];
