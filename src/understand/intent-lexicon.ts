// The words reps use for each thing they do, in French and English, matched on folded text
// (lower case, no accents): « eu au tel », « rdv », « signé », « c'est mort », "went with".
// Only the words: which command they lead to is decided in intent-rules.ts.
import { normalizeKey } from '../core/parse/tokenize.parser.ts';
import type { Registry } from '../core/registry.ts';

/** Requests the bot must never turn into a write: erasing, emptying. */
export const DESTRUCTIVE = /\b(?:supprime\w*|supprimer|efface\w*|effacer|vide[rz]? (?:mes|les|la|le|tout|toutes|tous|ma)\b|degage\w*|vire[rz]? (?:les|mes|tous|toutes|tout)\b|vidange|purge\w*|detrui\w*|delete|deletes|deleting|remove|erase|wipe|drop|destroy|clear all|reset)\b/;

/** Things Relance cannot do for the member (send mail, call someone): imperatives, not reports. */
export const UNSUPPORTED = /^(?:\W*(?:stp|please|peux-tu|peux tu|tu peux|can you|could you|pourrais-tu|pourrais tu)\W+)?(?:(?:email|e-mail|mail|text|message)\s+(?!from\b|de\b|d'|to\b|a\b|avec\b|with\b|recu|envoye|sent)(?=[^,.;]*\b(?:for me|pour moi|the|le|la|les|un|une|a)\b)(?![^,.;]*\b(?:envoye|sent|recu|received|fait|done)\b)|envoie|envoies|envoyez|envoyer|send|ring|ecris|ecrire|write|reponds|repondre|reply|appelle|appeler|call(?!\s+(?:avec|with|w\/|de|du|d'|from|decouverte|discovery|on|about|re|regarding|to|for|yesterday|today|this|\d))|telephone a|phone(?!\s+(?:avec|with|call))|texte|sms|whatsapp|programme un|programme une|programme des|programme les|automatise\w*|book|set up|setup|schedule|planifie|planifier|organise|organiser|cale|caler|reserve|commande|order|achete|buy|paie|pay|traduis|translate|(?:ajoute|ajouter|add|connecte-toi a|connecte|connect with|connect to|invite|ping|contacte|contact|message|ecris a|write to)\b(?=[^.;]*\b(?:linkedin|en ami|as a friend|to my network|a mon reseau)\b)|relance[rz]? (?:tous|toutes|mes|les)\b)\b/;

/** Asking rather than telling: a read comes first. */
export const QUESTION = /\?|^(?:\W*)(?:combien|quel|quelle|quels|quelles|qui|quoi|ou|comment|est-ce|est ce|montre|affiche|donne|liste|lister|voir|show|list|give|what|what's|whats|how|how's|hows|who|where|which|tell me|display|can i see|je veux voir|je voudrais voir|on en est|point sur|le point)\b/;

export const HELP = /^\W*(?:(?:uh|euh|hey|hi|hello|salut|bonjour|dis|so|alors)\W+)?(?:aide|help|how does (?:this|it|the) bot work|how does this bot work|\?|au secours|comment (?:ca|ça) marche|comment t'utiliser|que sais[- ]tu faire|tu sais faire quoi|tu fais quoi|qu'est-ce que tu (?:sais )?fais|what can you do|how does (?:this|it) work|how do i use (?:you|this)|commandes|commands|menu)\W*$/;

export const DEFINE = /(?:^|\b)(?:c'est quoi|c est quoi|cest quoi|c koi|c quoi|c'est koi|cest koi|qu'est-ce que c'est|qu'est-ce que|qu est ce que|que (?:veut|veulent) dire|(?:ca|ça) veut dire quoi|ca signifie quoi|definition(?: de| du| d')?|(?:une )?def (?:de|du|d')|definis(?:-moi| moi)?|defini(?:-moi| moi)|definir|define|kesako|kezako|what(?:'s| is| are| does)|whats|meaning of|explain|explique(?:-moi| moi)?|signification (?:de|du|d'))\s+(.+)$/;
/** Words around a term that are not the term (« le », "mean", « exactement »). */
export const TERM_FILLERS = /^(?:(?:le|la|les|l'|un|une|des|du|de|d'|a|an|the|un bon|une bonne|ce que c'est|c'est|exactement|au juste)\s+)+|(?:\s+(?:mean|means|stand for|stands for|veut dire|signifie|exactement|au juste|en vente|in sales|stp|svp|please|chez nous|again))+$/g;

export const RELANCE_PREVIEW =
  /\b(?:qui (?:dois|doit|faut|est-ce que je dois|je dois|devrais)[- ]?(?:je|il|on)?\s*(?:relancer|rappeler|appeler|contacter|suivre)|(?:mes|les) relances|a relancer|relances du jour|relances d'aujourd'hui|who (?:should|do|must|shall) (?:i|we) (?:follow up|call|chase|ping|contact|reach out)|my (?:follow-?ups|reminders|nudges)|follow-?up list|relances du jour|mes relances|synthese|digest|follow-?ups? (?:for )?today|who needs (?:a )?follow-?up|to follow up|a suivre aujourd'hui|qui relancer|preview (?:my |the )?(?:reminders?|nudges?|follow-?ups?)|apercu (?:de )?(?:mon |mes )?(?:rappels?|relances?)|(?:mon |le )?rappel (?:de|des) relances|a quoi ressemble (?:mon|le) rappel|mon rappel du matin|my (?:morning )?reminder)\b/;

export const QUALIFY = /\b(?:qualif\w*|bant|meddic|meddpicc)\b/;
export const FRAMEWORK = /\b(bant|meddpicc|meddic)\b/;

/** « passe Lambert en négo », "move Acme to proposal". */
export const STAGE_MOVE = /(?:→|->)|\b(?:repasse[rz]?|revient|retourne|set|etape|stage|is|est|sont|are|passe[rz]?|passee?|bascule[rz]?|mets|mettre|met|deplace[rz]?|avance[rz]?|move[sd]?|push(?:ed)?|put|advance[sd]?|est en|is in|is now in|attaque|attaquons|entame|entamons|back to|retour en|retour a|revenu en|revenue en|en etape|au stade|a l'etape|now in|to the|vers)\b/;
export const STAGES: Array<[RegExp, string]> = [
  [/\b(?:negociation|nego|negotiation|negotiating|negociations)\b/, 'negotiation'],
  [/\b(?:proposition|proposal|devis envoye|propal|propale|offre envoyee)\b/, 'proposal'],
  [/\b(?:decouverte|discovery)\b/, 'discovery'],
  [/\b(?:qualifiee?|qualified)\b/, 'qualified'],
  [/\b(?:demo|demonstration)\b/, 'demo'],
  [/\b(?:lead)\b/, 'lead'],
];

export const LOST = /\b(?:perdu|perdue|perdus|perdues|on perd|perd|lost|lose|losing|on passe en perdu|c'est mort|cest mort|c est mort|mort|morte|dead|tombe a l'eau|tombee a l'eau|fell through|abandonne|abandonnee|on abandonne|on laisse tomber|laisse tomber|no go|no-go|ca ne se fera pas|ca se fera pas|killed|closed lost|closed-lost|pas retenu|pas retenus|not selected|refuse l'offre|ko|part a la concurrence|partent a la concurrence|on arrete|on arrete les frais|on clot|on cloture|on ferme|on lache|lache l'affaire|lachent l'affaire|lache le projet|lachent le projet|jette l'eponge|jettent l'eponge|c'est non|it's a no|dropped out|pulled out|pull out|backed out|walked away)\b/;
/** Loss words that a call report uses too (« c'est non pour cette année »): a loss only without an activity. */
export const WEAK_LOST = /\b(?:c'est non|it's a no|on arrete|on clot|on cloture|on ferme|mort|morte|dead|out|ko)\b/;
/** A loss told by what the customer did: « ils ont choisi X », "they went with X". */
export const LOST_TO = /\b(?:(?:ils |elles )?ont (?:choisi|pris|prefere|retenu|signe avec|opte pour)|a (?:choisi|retenu|signe avec|opte pour|prefere)|(?:picked|chose|selected|signed with|went with) (?!us\b|our\b|nous\b|up\b)|(?:sont )?partis? (?:chez|avec)|part chez|partent chez|they (?:went|are going|chose|picked|selected|signed) with|they chose|they picked|went with)\b/;
export const WON =
  /\b(?:signe|signee|signes|signees|c'est signe|on a signe|gagne|gagnee|gagnes|gagnees|remporte|remportee|won|win|signed|closed|closed-won|closed won|close|closee|c'est dans la poche|dans la poche|in the bag|boucle|bouclee|deal done|c'est fait|conclu|conclue|ca y est|bon de commande recu|on a (?:recu )?le bon de commande|(?:we )?(?:got|have|received) the po|valide(?:r)? le bon de commande|bon de commande (?:signe|valide)|po signed|signed the po|po received|got the po|commande signee|vient de signer|viennent de signer|just signed|done deal|signature ok|contrat signe|bdc signe|(?:we|on a) (?:got|won|landed|decroche|remporte|obtenu) (?:the |le |la |l')?)\b/;
/** Future signing or closing: a date to set, not a win. */
export const CLOSE_DATE =
  /\b(?:closer|devrait closer|va closer|signer|signera|signeront|signent|signature prevue|signature attendue|signature|closing prevu|closing|close date|date de cloture|cloture prevue|devrait signer|devraient signer|va signer|vont signer|should (?:sign|close)|will (?:sign|close)|going to (?:sign|close)|expected to (?:sign|close)|expect(?:ed)? (?:the )?(?:signature|close)|to close|closes|close (?:on|by|in|at|end)|sign (?:on|by|in|at|end))\b/;
export const AMOUNT_CHANGE = /\b(?:montant|amount|vaut|valeur|worth|value|valued|revalorise|passe a|monte a|descend a|budget de|budget|chiffre a|price(?:d)? at|update .* to|mets? .* a|now at|est a)\b/;
export const NEXT_STEP = /\b(?:prochaine etape|etape suivante|next step|next steps|suite|a faire|to-?do|il faut|faut|je dois|on doit|doit|need to|needs to|have to|i'll|i will|we'll|we will|je vais|on va|planned|prevu|prevoir)\b/;
export const NEW_DEAL =
  /\b(?:nouvelle (?:affaire|opportunite|opp|oppo|opportunity)|nouveau (?:deal|projet|prospect chaud)|new (?:deal|opportunity|opp|oppty)|cree[rz]? (?:une |un )?(?:affaire|deal|opportunite|opp)|creation (?:d'une |d'un )?(?:affaire|deal)|create (?:a |an )?(?:deal|opportunity|opp)|add (?:a |an )?(?:deal|opportunity|opp)|ajoute[rz]? (?:une |un )?(?:affaire|deal|opportunite|opp)|ouvre[rz]? (?:une |un )?(?:affaire|deal|opportunite|opp)|open (?:a |an )?(?:deal|opportunity|opp)|nouvelle oppo|new business|(?:opportunite|opp|oppo|affaire|deal) (?:toute )?(?:fraiche|neuve)|fresh (?:deal|opportunity|opp))\b/;
export const DEAL_LIST =
  /\b(?:mes affaires|mes deals|mes opps?|mes opportunites|mes dossiers|liste (?:des |de mes |mes )?(?:affaires|deals|opportunites)|les affaires de|les deals de|affaires de|deals de|my deals|my opportunities|my opps|list (?:my |the |all )?deals|deals (?:of|for|owned by)|'s deals|pipeline of deals|affaires en cours|open deals|(?:his|her|their) deals|ses affaires|ses deals|mes affaires en cours|all deals|toutes les affaires)\b/;
export const DEAL_SHOW = /\b(?:montre|affiche|ouvre|voir|show|open|view|pull up|fiche|details?|infos?|informations?|ou en est|ou en sommes-nous|ou on en est|on en est ou|where are we|where do we stand|status|statut|etat|recap|resume|summary|point sur|update on)\b/;
export const CONTACT_SHOW = /\b(?:fiche (?:de|du contact)?|qui est|c'est qui|who is|who's|whos|coordonnees|numero|telephone de|tel de|phone number|mail de|email de|email address|contact (?:de|info|details)|details (?:de|on|for))\b/;
export const OBJECTIVES = /\b(?:mes objectifs|mon objectif|nos objectifs|notre objectif|objectifs? (?:de l'equipe|du mois|du trimestre|de l'annee|fixes?)|les objectifs|des objectifs|my (?:objectives?|targets?|goals?)|our (?:objectives?|targets?|goals?)|team (?:objectives?|targets?)|objectives?|targets? for|targets|quarter's target|month's target|year's target)\b/;
export const PIPELINE = /\b(?:pipe|pipeline|pipes|pipelines|entonnoir|funnel)\b/;
export const PIPELINE_VALUE = /\b(?:valeur (?:du|de mon|de notre) pipe\w*|pipeline value|value of (?:the |my |our )?pipeline|montant (?:du|total du) pipe\w*)\b/;

/** Activity kinds, strongest signals first; read in the part of the sentence that tells what happened. */
export const ACTIVITY_TYPES: Array<[RegExp, string]> = [
  [/\b(?:visio demo|demo|demos|dem(?= (?:faite|fait|chez|avec|ok|done|prevue|de|du|a))|demonstration|demoed|demo'd|demonstre|presente (?:l'outil|le produit|la solution|notre solution)|showed (?:them |him |her )?(?:the )?(?:product|tool|platform))\b/, 'demo'],
  [/\b(?:video call|video-call|appel video|rdv|rendez-vous|rendez vous|reunion|meeting|met|meet|vu|vue|rencontre|rencontree|rencontres|dejeuner|dej|cafe|coffee|lunch|visio|zoom|teams|sur place|on site|onsite|en face a face|in person|visite|visited|croise|croisee|au salon|trade show|bumped into|ran into)\b/, 'meeting'],
  [/\b(?:e-mail|email|emails|emailed|mail|mails|mailed|maile|mailee|courriel|ecrit|wrote|message linkedin|linkedin|inmail|relance par mail|relancee par mail|par mail|by email|via email)\b/, 'email'],
  [/\b(?:appel|appels|appele|appelee|apel|apelle|apele|rappele|rappelee|tel|telephone|telephoner|phone|phoned|coup de fil|coup de tel|called|call|calls|rang|ring|au bout du fil|joint|jointe|joindre|injoignable|messagerie|repondeur|voicemail|vm|eu .{1,40} au (?:tel|telephone|fil)|spoke (?:to|with)|parle (?:a|avec)|talked (?:to|with)|chatted with|got hold of|telephonique|rapele|rapelle|apl|fone|au fone|essaye d'appeler|tente d'appeler|tried to call|laisse un (?:message|vocal|msg)|msg vocal|message vocal|tentative d'appel|tried (?:calling|to call)|pas reussi a (?:avoir|joindre|le joindre|la joindre))\b/, 'call'],
  [/\b(?:note|noter|nota|remarque|fyi|info|pour info|a noter|jotting|jot down|noting|pour memoire)\b/, 'note'],
];

/** Outcome words that imply a call only when nothing else says what happened (« pas de réponse à mon mail » is an email). */
export const WEAK_CALL = /\b(?:tentative|tente de|j'ai tente|tente [a-z]+ \d fois|tried to reach|couldn'?t reach|could not reach|no answer|pas de reponse|injoignable|no luck|decroche(?:nt)? pas|a pas decroche|raccroche|hung up|picked up|pick up|sonne dans le vide|standard|switchboard|nrp|no pickup|tried [a-z]+(?: [a-z]+)? (?:twice|again|\d+ times|three times)|eu [^,.;]{2,40} \d{1,3} ?(?:min|mn|minutes))\b/;


/** What happened is over: « j'ai appelé », "I called", a past date. */
export const PAST_REPORT = /\b(?:j'ai|j ai|jai|on a|nous avons|ai|avons|eu|fait|faite|i|we|i've|we've|just|hier|yesterday|ce matin|this morning|tout a l'heure|earlier|had|did|done|was|went|got|pas reussi|essaye|tried|laisse|left)\b/;

/** Where a next step begins (« ok pour une démo jeudi », "she wants a demo Thursday"), and whether its words start after the trigger. */
export const NEXT_TRIGGERS: Array<{ pattern: RegExp; keepTrigger: boolean; needsDate?: boolean }> = [
  { pattern: /\b(?:prochaine etape ?:?|next action ?(?:is|:|=)?|action suivante ?:?|etape suivante ?:?|next step ?:?|next steps ?:?|suite ?:|a suivre ?:|(?:la )?suite (?:c'est|ce sera|sera)|todo ?:|to-do ?:|to do ?:|il faut|faut|je dois|on doit|je vais|on va|i need to|we need to|have to|i'll|i will|we'll|we will|ok for|agreed to|on se rappelle|on se revoit|on se cale)(?!\w)/, keepTrigger: false },
  { pattern: /\b(?:(?<!\b(?:me|nous|m'|doit me|doit nous) )rappeler|relancer|envoyer|renvoyer|preparer|planifier|caler|organiser|programmer|fixer|send|resend|prepare|schedule|set up|book|follow up|call back|call (?:him|her|them) back|circle back|revenir vers|recontacter)(?!\w)/, keepTrigger: true },
  { pattern: /\b(?:relance|rappel|rdv|demo|reunion|point|call|meeting)(?= (?:prevue?|planifiee?|calee?|scheduled|booked|planned))/, keepTrigger: true },
  { pattern: /\b(?:relance|rappel|relancer|rappeler)(?= (?:asap|des que possible|rapidement|vite))/, keepTrigger: true },
  { pattern: /\b(?:ok pour|d'accord pour|dac pour|partante? pour|pret pour|prets pour|prete pour|wants? (?:a|an|to|the)|veut (?:un|une|le|la|les|qu'on|que je|que l'on)|veulent (?:un|une|le|la|les)|souhaite (?:un|une|le|la)|demande (?:un|une|le|la)|asked (?:for|me for|us for)|asks for|requested|needs? (?:the|a|an)|a besoin (?:du|de la|d'un|d'une|des)|valide (?:la|le|les)|il doit|elle doit|ils doivent|needs to|has to|interessee? par|interesses par|keen on|interested in)(?!\w)/, keepTrigger: false, needsDate: true },
];

/**
 * Figure names in sentences: the multi-word names and aliases of /kpi's figures (from the
 * registry, so a new figure is understood the day it is added), plus words reps use for them.
 */
const KPI_EXTRA: Array<[string, string]> = [
  ['win rate', 'win_rate'], ['taux de gain', 'win_rate'], ['taux de closing', 'win_rate'], ['taux de signature', 'win_rate'], ['closing rate', 'win_rate'], ['close rate', 'win_rate'], ['taux de reussite', 'win_rate'],
  ['taux de conversion', 'conversion_rate'], ['taux de transfo', 'conversion_rate'], ['taux de transformation', 'conversion_rate'], ['conversion rate', 'conversion_rate'], ['conversion', 'conversion_rate'], ['transfo', 'conversion_rate'],
  ['chiffre d affaires', 'revenue'], ['chiffre d affaire', 'revenue'], ['ca', 'revenue'], ['revenue', 'revenue'], ['revenu', 'revenue'], ['revenus', 'revenue'], ['sales', 'revenue'], ['bookings', 'revenue'], ['combien on a signe', 'revenue'], ['how much did we sign', 'revenue'], ['how much have we sold', 'revenue'], ['combien on a vendu', 'revenue'],
  ['affaires gagnees', 'deals_won'], ['affaires signees', 'deals_won'], ['deals gagnes', 'deals_won'], ['deals signes', 'deals_won'], ['deals won', 'deals_won'], ['won deals', 'deals_won'], ['deals closed', 'deals_won'], ['closed deals', 'deals_won'], ['deals did we close', 'deals_won'], ['deals did we win', 'deals_won'], ['deals have we won', 'deals_won'], ['deals have we closed', 'deals_won'], ['deals we won', 'deals_won'], ['deals we closed', 'deals_won'], ['signatures', 'deals_won'], ['affaires on a gagne', 'deals_won'], ['affaires on a signe', 'deals_won'], ['affaires avons nous signe', 'deals_won'], ['affaires ai je signe', 'deals_won'], ['affaires j ai signe', 'deals_won'], ['affaires ont ete signees', 'deals_won'], ['affaires ont ete gagnees', 'deals_won'], ['deals did i close', 'deals_won'], ['deals did i win', 'deals_won'], ['deals i closed', 'deals_won'],
  ['appels', 'activities'], ['appel', 'activities'], ['calls', 'activities'], ['activites', 'activities'], ['activite', 'activities'], ['activities', 'activities'], ['activity', 'activities'], ['emails envoyes', 'activities'], ['mails', 'activities'], ['emails', 'activities'], ['rdv', 'activities'], ['reunions', 'activities'], ['meetings', 'activities'], ['demos', 'activities'], ['actions', 'activities'],
  ['panier moyen', 'average_deal_size'], ['ticket moyen', 'average_deal_size'], ['taille moyenne', 'average_deal_size'], ['montant moyen', 'average_deal_size'], ['average deal size', 'average_deal_size'], ['average deal', 'average_deal_size'], ['deal size', 'average_deal_size'], ['avg deal size', 'average_deal_size'], ['aov', 'average_deal_size'],
  ['cycle de vente', 'avg_time_to_close'], ['duree du cycle', 'avg_time_to_close'], ['duree moyenne du cycle', 'avg_time_to_close'], ['cycle moyen', 'avg_time_to_close'], ['temps de closing', 'avg_time_to_close'], ['delai de signature', 'avg_time_to_close'], ['sales cycle', 'avg_time_to_close'], ['time to close', 'avg_time_to_close'], ['cycle length', 'avg_time_to_close'], ['days to close', 'avg_time_to_close'], ['long to close', 'avg_time_to_close'],
  ['nouvelles affaires', 'new_deals'], ['nouveaux deals', 'new_deals'], ['nouvelles opportunites', 'new_deals'], ['opportunites creees', 'new_deals'], ['affaires creees', 'new_deals'], ['new deals', 'new_deals'], ['new opportunities', 'new_deals'], ['deals created', 'new_deals'], ['opportunities created', 'new_deals'],
  ['prevision', 'weighted_pipeline'], ['previsions', 'weighted_pipeline'], ['previsionnel', 'weighted_pipeline'], ['forecast', 'weighted_pipeline'], ['pipe pondere', 'weighted_pipeline'], ['pipeline pondere', 'weighted_pipeline'], ['weighted pipeline', 'weighted_pipeline'],
  ['valeur du pipe', 'pipeline_value'], ['valeur du pipeline', 'pipeline_value'], ['pipeline value', 'pipeline_value'], ['montant du pipe', 'pipeline_value'],
  ['quota', 'quota_attainment'], ['atteinte', 'quota_attainment'], ['atteinte de l objectif', 'quota_attainment'], ['atteinte des objectifs', 'quota_attainment'], ['taux de realisation', 'quota_attainment'], ['realisation de l objectif', 'quota_attainment'], ['attainment', 'quota_attainment'], ['quota attainment', 'quota_attainment'], ['against target', 'quota_attainment'], ['par rapport a l objectif', 'quota_attainment'], ['vs objectif', 'quota_attainment'], ['of quota', 'quota_attainment'], ['of target', 'quota_attainment'],
  ['prospects contactes', 'prospects_contacted'], ['prospects contacted', 'prospects_contacted'], ['prospects', 'prospects_contacted'],
  ['taux de reponse', 'response_rate'], ['response rate', 'response_rate'], ['reply rate', 'response_rate'],
  ['no show', 'no_show_rate'], ['taux de no show', 'no_show_rate'], ['no show rate', 'no_show_rate'], ['lapins', 'no_show_rate'],
  ['rdv transformes', 'meeting_to_sale'], ['transformation des rdv', 'meeting_to_sale'], ['meeting to sale', 'meeting_to_sale'], ['meetings to deals', 'meeting_to_sale'],
  ['nouveaux clients', 'new_customers'], ['new customers', 'new_customers'], ['clients gagnes', 'new_customers'], ['customers acquired', 'new_customers'], ['clients signes', 'new_customers'],
  ['retention', 'retention_rate'], ['taux de retention', 'retention_rate'], ['retention rate', 'retention_rate'], ['fidelisation', 'retention_rate'],
  ['churn', 'churn_rate'], ['taux de churn', 'churn_rate'], ['churn rate', 'churn_rate'], ['attrition', 'churn_rate'], ['taux d attrition', 'churn_rate'],
  ['clv', 'clv'], ['ltv', 'clv'], ['valeur client', 'clv'], ['lifetime value', 'clv'], ['valeur vie client', 'clv'],
  ['cac', 'cac'], ['cout d acquisition', 'cac'], ['acquisition cost', 'cac'],
  ['roi', 'roi'], ['retour sur investissement', 'roi'], ['return on investment', 'roi'],
  ['nps', 'nps'], ['net promoter', 'nps'],
  ['csat', 'csat'], ['satisfaction client', 'csat'], ['customer satisfaction', 'csat'], ['satisfaction', 'csat'],
  ['qui a le plus vendu', 'revenue_per_rep'], ['qui a vendu le plus', 'revenue_per_rep'], ['who sold the most', 'revenue_per_rep'], ['top seller', 'revenue_per_rep'], ['classement', 'revenue_per_rep'], ['ranking', 'revenue_per_rep'], ['leaderboard', 'revenue_per_rep'], ['ca par commercial', 'revenue_per_rep'], ['revenue per rep', 'revenue_per_rep'], ['par commercial', 'revenue_per_rep'], ['per rep', 'revenue_per_rep'], ['top vendeur', 'revenue_per_rep'], ['meilleur commercial', 'revenue_per_rep'], ['top rep', 'revenue_per_rep'], ['best rep', 'revenue_per_rep'],
];

export interface KpiPhrase {
  words: string;
  key: string;
  pattern: RegExp;
}

const kpiCache = new WeakMap<Registry, KpiPhrase[]>();

/** Figure phrases, longest first so « taux de conversion » wins over « conversion ». */
export function kpiPhrases(registry: Registry): KpiPhrase[] {
  const cached = kpiCache.get(registry);
  if (cached) return cached;
  const kpi = registry.find('kpi');
  const spec = kpi && 'args' in kpi ? kpi.args.find((arg) => arg.name === 'name') : undefined;
  const pairs = new Map<string, string>();
  for (const choice of spec?.choices ?? []) {
    if (choice.value === 'list') continue;
    for (const word of [choice.label.fr, choice.label.en, ...(choice.aliases ?? [])]) {
      const folded = normalizeKey(word);
      // Single registry words (`gain`, `cycle`, `pipe`) are too common in sentences; the extra list holds the safe ones.
      if (folded.includes(' ')) pairs.set(folded, choice.value);
    }
  }
  for (const [words, key] of KPI_EXTRA) pairs.set(words, key);
  pairs.delete('ca');
  const phrases = [...pairs.entries()]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([words, key]) => ({ words, key, pattern: new RegExp(`\\b${words.replace(/ /g, "[ '-]")}\\b`) }));
  kpiCache.set(registry, phrases);
  return phrases;
}
