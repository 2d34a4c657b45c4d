extension OpenAPIDocument {
    /// The pages for a browser (issue 15): `/`, `/profiles/{area}`,
    /// `/profiles/{area}/indicators/{id}` and their stylesheet. HTML with inline SVG.
    static let profilePaths: String = """
          /:
            get:
              tags: [pages]
              operationId: homePage
              summary: The areas, aims and dimensions, as a web page
              description: |
                Wales, the health boards with their local authorities, every local authority, the
                core aims and the s25(11) dimensions, each a link into an area's profile. HTML, no
                scripts; Welsh with `lang=cy` or `Accept-Language`.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - $ref: '#/components/parameters/Run'
                - $ref: '#/components/parameters/AsOf'
                - $ref: '#/components/parameters/Lang'
                - $ref: '#/components/parameters/AcceptLanguage'
                - $ref: '#/components/parameters/IfNoneMatch'
              responses:
                '200':
                  $ref: '#/components/responses/Page'
                '304':
                  $ref: '#/components/responses/NotModified'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  $ref: '#/components/responses/NotFound'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '503':
                  $ref: '#/components/responses/NoRun'
          /profiles/{area}:
            get:
              tags: [pages]
              operationId: areaProfilePage
              summary: An area's profile, as a web page
              description: |
                Every indicator of the area under each core aim (or, with `by=dimension`, each s25(11)
                dimension): period, value, count, the Wales value, the comparison with Wales in words,
                a spine chart (the local authorities' range worst to best, their middle half, the Wales
                line and the area's marker, shaped by the comparison) and the trend. The area's
                firing alerts first. Small numbers are withheld (`c`) as in the other formats.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - name: area
                  in: path
                  required: true
                  description: An ONS/GSS area code (`GET /v1/areas` lists them); an unknown code is 404.
                  schema:
                    type: string
                    examples: [W06000015]
                - name: by
                  in: query
                  required: false
                  description: Group the indicators by core aim (default) or s25(11) dimension; any other value is 400.
                  schema:
                    type: string
                    enum: [aim, dimension]
                    default: aim
                - $ref: '#/components/parameters/Run'
                - $ref: '#/components/parameters/AsOf'
                - $ref: '#/components/parameters/Lang'
                - $ref: '#/components/parameters/AcceptLanguage'
                - $ref: '#/components/parameters/IfNoneMatch'
              responses:
                '200':
                  $ref: '#/components/responses/Page'
                '304':
                  $ref: '#/components/responses/NotModified'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  $ref: '#/components/responses/NotFound'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '503':
                  $ref: '#/components/responses/NoRun'
          /profiles/{area}/indicators/{id}:
            get:
              tags: [pages]
              operationId: indicatorSeriesPage
              summary: One indicator's series for an area, as a web page
              description: |
                The series as a line chart with its 95% interval band, the Wales and health-board
                series, the table of every value under it, the priority groups' latest values and
                gaps, and the indicator's definition, source and method.
              security:
                - bearerAuth: []
                - {}
              x-outcomesd-roles: [reader, partner, admin]
              x-outcomesd-anonymous-read: true
              parameters:
                - name: area
                  in: path
                  required: true
                  description: An ONS/GSS area code; an unknown code is 404.
                  schema:
                    type: string
                    examples: [W06000015]
                - name: id
                  in: path
                  required: true
                  description: An indicator id (`GET /v1/indicators` lists them); an unknown id is 404.
                  schema:
                    type: string
                    examples: [low_birth_weight]
                - $ref: '#/components/parameters/Run'
                - $ref: '#/components/parameters/AsOf'
                - $ref: '#/components/parameters/Lang'
                - $ref: '#/components/parameters/AcceptLanguage'
                - $ref: '#/components/parameters/IfNoneMatch'
              responses:
                '200':
                  $ref: '#/components/responses/Page'
                '304':
                  $ref: '#/components/responses/NotModified'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '404':
                  $ref: '#/components/responses/NotFound'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '503':
                  $ref: '#/components/responses/NoRun'
          /static/outcomesd.css:
            get:
              tags: [pages]
              operationId: pageStylesheet
              summary: The pages' stylesheet
              description: |
                The one stylesheet the pages use (no fonts or scripts from elsewhere). Public; the
                pages link it with its hash (`?v=`), so it may be kept for a year.
              security: []
              parameters:
                - name: v
                  in: query
                  required: false
                  description: The stylesheet's hash, as the pages link it (ignored).
                  schema:
                    type: string
                - $ref: '#/components/parameters/IfNoneMatch'
              responses:
                '200':
                  description: The stylesheet.
                  headers:
                    ETag:
                      description: The stylesheet's hash.
                      required: true
                      schema:
                        type: string
                    Cache-Control:
                      description: '`public, max-age=31536000, immutable`'
                      required: true
                      schema:
                        type: string
                  content:
                    text/css:
                      schema:
                        type: string
                '304':
                  $ref: '#/components/responses/NotModified'
        """

    /// `components/responses/Page`, joined into `components` by ``OpenAPIDocument/yaml``.
    static let pageResponse: String = """
            Page:
              description: An HTML page (inline SVG charts, each with a title and description; no scripts).
              headers:
                ETag:
                  $ref: '#/components/headers/ETag'
                X-Outcomesd-Run:
                  $ref: '#/components/headers/Run'
                X-Outcomesd-Run-Finished:
                  $ref: '#/components/headers/RunFinished'
                Content-Language:
                  $ref: '#/components/headers/ContentLanguage'
                Vary:
                  $ref: '#/components/headers/Vary'
              content:
                text/html:
                  schema:
                    type: string
        """
}
