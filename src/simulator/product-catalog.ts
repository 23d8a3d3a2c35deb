import { WECHAT_INTEGRATION_TYPES } from './wechat.ts';

/**
 * The payment products the simulator offers, shaped like the platform's `products` answers.
 * Visa is listed so a checkout shows a product without a third-party flow; paying with it is refused.
 */
const logo = (id: number) => `templates/master/global/css/img/ppimages/pp_logo_${id}_v1.png`;

const text = (label: string, placeholderLabel: string, displayOrder: number) => ({
  displayOrder,
  formElement: { type: 'text' },
  label,
  obfuscate: false,
  placeholderLabel,
  alwaysShow: false,
});

const CARD_FIELDS = [
  {
    id: 'cardNumber',
    type: 'numericstring',
    dataRestrictions: { isRequired: true, validators: { length: { minLength: 12, maxLength: 19 }, luhn: {} } },
    displayHints: {
      ...text('Card number', '**** **** **** ****', 10),
      mask: '{{9999}} {{9999}} {{9999}} {{9999}} {{999}}',
      preferredInputType: 'IntegerKeyboard',
    },
  },
  {
    id: 'expiryDate',
    type: 'expirydate',
    dataRestrictions: {
      isRequired: true,
      validators: { expirationDate: {}, regularExpression: { regularExpression: '(?:0[1-9]|1[0-2])[0-9]{2}' } },
    },
    displayHints: { ...text('Expiry date', 'MM/YY', 20), mask: '{{99}}/{{99}}', preferredInputType: 'IntegerKeyboard' },
  },
  {
    id: 'cardholderName',
    type: 'string',
    dataRestrictions: { isRequired: false, validators: { length: { minLength: 0, maxLength: 51 } } },
    displayHints: { ...text("Cardholder's name", 'John Doe', 30), preferredInputType: 'StringKeyboard' },
  },
];

const common = {
  allowsInstallments: false,
  allowsRecurring: false,
  allowsTokenization: false,
  autoTokenized: false,
  canBeIframed: true,
  deviceFingerprintEnabled: false,
  isJavaScriptRequired: false,
  mobileIntegrationLevel: 'OPTIMISED_SUPPORT',
  supportsMandates: false,
};

const PRODUCTS = [
  {
    ...common,
    id: 3012,
    paymentMethod: 'card',
    paymentProductGroup: 'cards',
    usesRedirectionTo3rdParty: false,
    displayHints: { displayOrder: 0, label: 'Bancontact', logo: logo(3012) },
  },
  {
    ...common,
    id: 863,
    paymentMethod: 'redirect',
    usesRedirectionTo3rdParty: true,
    paymentProduct863SpecificData: { integrationTypes: [...WECHAT_INTEGRATION_TYPES] },
    displayHints: { displayOrder: 1, label: 'WeChat Pay', logo: logo(863) },
  },
  {
    ...common,
    id: 1,
    paymentMethod: 'card',
    paymentProductGroup: 'cards',
    usesRedirectionTo3rdParty: false,
    displayHints: { displayOrder: 2, label: 'Visa', logo: logo(1) },
  },
];

/** `GET products`: the SDKs always ask with `hide=fields`, so the list carries none. */
export function productList() {
  return { paymentProducts: PRODUCTS.map((product) => structuredClone(product)) };
}

/**
 * `GET products/{id}`. Bancontact's card fields come only with `forceBasicFlow=true`: in the app
 * flow the platform hands them out after the payment is created.
 */
export function productDetails(id: number, forceBasicFlow: boolean) {
  const product = PRODUCTS.find((candidate) => candidate.id === id);
  if (!product) return undefined;
  const fields = id === 1 || (id === 3012 && forceBasicFlow) ? CARD_FIELDS : [];
  return { ...structuredClone(product), fields: structuredClone(fields) };
}

/**
 * The fields a Bancontact create-payment answer offers in `formFields`, as in Worldline's Swift
 * example: card number, cardholder name (required, at most 35) and expiry date.
 */
const BANCONTACT_FORM_FIELDS = [
  {
    id: 'cardNumber',
    type: 'numericstring',
    dataRestrictions: {
      isRequired: true,
      validators: { length: { maxLength: 19, minLength: 16 }, luhn: {}, regularExpression: { regularExpression: '^[0-9]*$' } },
    },
    displayHints: {
      ...text('Card number', '**** **** **** ****', 0),
      mask: '{{9999}} {{9999}} {{9999}} {{9999}} {{999}}',
      preferredInputType: 'IntegerKeyboard',
    },
  },
  {
    id: 'cardholderName',
    type: 'string',
    dataRestrictions: {
      isRequired: true,
      validators: {
        length: { maxLength: 35, minLength: 0 },
        regularExpression: { regularExpression: '^[a-zA-ZÀ-ÖØ-öø-ÿŠšŽžŸęĘ0-9 +_.=,:\\-\\[\\]\\/\\(\\)]*$' },
      },
    },
    displayHints: { ...text('Cardholder name', 'John Doe', 1), preferredInputType: 'StringKeyboard' },
  },
  {
    id: 'expiryDate',
    type: 'expirydate',
    dataRestrictions: {
      isRequired: true,
      validators: { expirationDate: {}, regularExpression: { regularExpression: '^(0[1-9]|1[0-2])\\d\\d$' } },
    },
    displayHints: { ...text('Expiry date', 'MM/YY', 2), mask: '{{99}}/{{99}}', preferredInputType: 'IntegerKeyboard' },
  },
];

export function bancontactFormFields() {
  return structuredClone(BANCONTACT_FORM_FIELDS);
}
