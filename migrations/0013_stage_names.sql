-- Issue 16: the closed stages agree with « affaire » (« affaire gagnée / perdue »), so their
-- default French names become « Gagnée » and « Perdue ». Only stages still carrying the old
-- default names are renamed: a name a workspace chose itself is left as it is.
UPDATE "stages" SET "name_fr" = 'Gagnée' WHERE "key" = 'won' AND "name_fr" = 'Gagné';--> statement-breakpoint
UPDATE "stages" SET "name_fr" = 'Perdue' WHERE "key" = 'lost' AND "name_fr" = 'Perdu';
