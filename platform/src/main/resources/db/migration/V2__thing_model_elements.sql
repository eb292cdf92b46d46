-- Thing models get all four kinds of element (one jsonb document of the model's own elements), may
-- extend another model of the same tenant, and carry a version for optimistic updates.
ALTER TABLE thing_models ADD COLUMN parent_model_id varchar(128);
ALTER TABLE thing_models ADD COLUMN elements jsonb;
ALTER TABLE thing_models ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE thing_models ADD COLUMN updated_at timestamptz;

UPDATE thing_models SET
    elements = jsonb_build_object(
        'attributes', '[]'::jsonb,
        'services', '[]'::jsonb,
        'events', '[]'::jsonb,
        'measurePoints', COALESCE(
            (SELECT jsonb_agg(jsonb_build_object(
                        'identifier', point ->> 'identifier',
                        'name', point -> 'name',
                        'hasQuality', false,
                        'type', jsonb_build_object('dataType', point ->> 'dataType')))
             FROM jsonb_array_elements(measure_points) AS point),
            '[]'::jsonb)),
    updated_at = created_at;

ALTER TABLE thing_models ALTER COLUMN elements SET NOT NULL;
ALTER TABLE thing_models ALTER COLUMN updated_at SET NOT NULL;
ALTER TABLE thing_models DROP COLUMN measure_points;
ALTER TABLE thing_models
    ADD CONSTRAINT thing_models_parent FOREIGN KEY (tenant_id, parent_model_id) REFERENCES thing_models (tenant_id, model_id);
CREATE INDEX thing_models_by_parent ON thing_models (tenant_id, parent_model_id);
CREATE INDEX products_by_model ON products (tenant_id, model_id);
