-- why a finding is waived (an annotation on the resource, or a waiver): kept and reported, never escalated
ALTER TABLE finding ADD COLUMN waiver TEXT;
